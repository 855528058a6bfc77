// A plain Node.js application session against Dynamis with the AWS SDK for JavaScript v3:
// create a table, put items, query them, describe the table, delete it. Prints one JSON summary line.
import {
  DynamoDBClient, CreateTableCommand, PutItemCommand, QueryCommand, DescribeTableCommand, DeleteTableCommand,
} from "@aws-sdk/client-dynamodb";

const [endpoint, table] = process.argv.slice(2);
const client = new DynamoDBClient({
  endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

await client.send(new CreateTableCommand({
  TableName: table,
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  BillingMode: "PAY_PER_REQUEST",
}));
for (let i = 1; i <= 3; i++) {
  await client.send(new PutItemCommand({
    TableName: table,
    Item: { pk: { S: "user#1" }, sk: { N: String(i) }, note: { S: `note ${i}` } },
  }));
}
const query = await client.send(new QueryCommand({
  TableName: table,
  KeyConditionExpression: "pk = :pk AND sk >= :from",
  ExpressionAttributeValues: { ":pk": { S: "user#1" }, ":from": { N: "2" } },
  ScanIndexForward: false,
}));
const described = await client.send(new DescribeTableCommand({ TableName: table }));
const deleted = await client.send(new DeleteTableCommand({ TableName: table }));
console.log(JSON.stringify({
  queried: query.Items.map((item) => Number(item.sk.N)),
  count: query.Count,
  status: described.Table.TableStatus,
  itemCount: described.Table.ItemCount,
  deletedStatus: deleted.TableDescription.TableStatus,
}));
