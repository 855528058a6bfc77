"""Signs one DynamoDB request with botocore's SigV4 signer and prints the headers to send with it:
X-Amz-Date and Authorization (valid 15 minutes, for any number of identical requests).
    python3 bench/sigv4_headers.py URL TARGET BODY KEY SECRET"""
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

url, target, body, key, secret = sys.argv[1:6]
request = AWSRequest(method="POST", url=url, data=body.encode(), headers={
    "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target})
SigV4Auth(Credentials(key, secret), "dynamodb", "us-east-1").add_auth(request)
print(request.headers["X-Amz-Date"])
print(request.headers["Authorization"])
