"""The benchmark probes' DynamoDB client: one keep-alive connection to a loopback endpoint, requests
with a dummy (syntactically valid) SigV4 header, and the percentile they report. Stdlib only."""
import http.client
import json
import sys
import urllib.parse

AUTH = ("AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


class Endpoint:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit("refusing a non-loopback endpoint: " + url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)

    def call(self, op, body):
        self.conn.request("POST", "/", json.dumps(body), {
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + op,
            "X-Amz-Date": "20261123T000000Z", "Authorization": AUTH})
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{op}: {response.status} {data[:200]!r}")
        return json.loads(data)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
