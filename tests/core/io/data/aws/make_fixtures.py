#!/usr/bin/env python3
"""Writes the AWS import fixtures of this folder (run it again after changing them here).

Every fixture carries the same Stripe event, as API Gateway, Lambda, SQS, EventBridge and
CloudWatch Logs hold it, received at 2025-05-01T12:00:00Z (1746100800). Stripe sends the event
laid out as JSON.stringify(event, null, 2) (PAYLOAD). The signature header is a placeholder:
@STRIPE_SIGNATURE@ is replaced by the tests with the header the stripe SDK makes for PAYLOAD at
1746100800 with the endpoint's test secret, @STRIPE_SIGNATURE_INDENT3@ with the one for the
event laid out with a 3-space indent (a layout no sender uses: only the raw body would verify).
"""
import base64
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
T = 1746100800
EVENT = {
    "id": "evt_1PImportHookbench0001",
    "object": "event",
    "api_version": "2024-06-20",
    "created": T - 1,
    "data": {"object": {"id": "cus_QImportHookbench1", "object": "customer",
                        "description": "Jenny's test customer", "email": "jenny.rosen@example.com",
                        "name": "Jenny Rosén", "balance": 0, "metadata": {}, "preferred_locales": []}},
    "livemode": False,
    "pending_webhooks": 1,
    "request": {"id": None, "idempotency_key": None},
    "type": "customer.created",
}
PAYLOAD = json.dumps(EVENT, indent=2, ensure_ascii=False)  # = JSON.stringify(EVENT, null, 2)
SIG = "@STRIPE_SIGNATURE@"
UA = "Stripe/1.0 (+https://stripe.com/docs/webhooks)"


def write(name, value, text=None):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text if text is not None else json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def lambda_v1(body, base64_encoded, sig=SIG):
    return {
        "resource": "/stripe", "path": "/stripe", "httpMethod": "POST",
        "headers": {"Host": "abc123.execute-api.eu-west-1.amazonaws.com", "User-Agent": UA,
                    "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": sig,
                    "Accept": "*/*; q=0.5, application/xml",
                    "X-Forwarded-For": "54.187.174.169", "X-Forwarded-Proto": "https"},
        "multiValueHeaders": {"Host": ["abc123.execute-api.eu-west-1.amazonaws.com"],
                              "User-Agent": [UA],
                              "Content-Type": ["application/json; charset=utf-8"],
                              "Stripe-Signature": [sig],
                              "Accept": ["*/*; q=0.5", "application/xml"],
                              "X-Forwarded-For": ["54.187.174.169"],
                              "X-Forwarded-Proto": ["https"]},
        "queryStringParameters": {"source": "webhook"},
        "multiValueQueryStringParameters": {"source": ["webhook"]},
        "pathParameters": None, "stageVariables": None,
        "requestContext": {"resourcePath": "/stripe", "httpMethod": "POST", "path": "/prod/stripe",
                           "stage": "prod", "requestTimeEpoch": T * 1000 + 120,
                           "requestTime": "01/May/2025:12:00:00 +0000",
                           "identity": {"sourceIp": "54.187.174.169", "userAgent": UA}},
        "body": body, "isBase64Encoded": base64_encoded,
    }


def lambda_v2(body):
    return {
        "version": "2.0", "routeKey": "POST /stripe", "rawPath": "/live/stripe",
        "rawQueryString": "source=webhook&n=1",
        "cookies": ["session=abc", "theme=dark"],
        "headers": {"content-length": str(len(body.encode())), "content-type": "application/json; charset=utf-8",
                    "host": "abc123.execute-api.eu-west-1.amazonaws.com",
                    "stripe-signature": SIG, "user-agent": UA, "accept": "*/*; q=0.5,application/xml",
                    "x-forwarded-for": "54.187.174.169"},
        "requestContext": {"http": {"method": "POST", "path": "/live/stripe", "protocol": "HTTP/1.1",
                                    "sourceIp": "54.187.174.169", "userAgent": UA},
                           "stage": "live", "time": "01/May/2025:12:00:00 +0000",
                           "timeEpoch": T * 1000 + 80},
        "body": body, "isBase64Encoded": False,
    }


# Lambda: v1 with a base64 body and multi-value headers; v2 with a text body, cookies and a
# named stage; and a v1 event logged with its body parsed in a layout no sender uses.
write("lambda-v1-base64.json", lambda_v1(base64.b64encode(PAYLOAD.encode()).decode(), True))
write("lambda-v2.json", lambda_v2(PAYLOAD))
parsed = lambda_v1(None, False, "@STRIPE_SIGNATURE_INDENT3@")
parsed["body"] = EVENT
write("lambda-parsed-unknown-layout.json", parsed)

# API Gateway mapping templates: a hand-written one with rawBody ($util.escapeJavaScript, whose
# \' is not JSON) beside the parsed body, and the "method request passthrough" template.
headers = {"Content-Type": "application/json; charset=utf-8", "Host": "abc123.execute-api.eu-west-1.amazonaws.com",
           "Stripe-Signature": SIG, "User-Agent": UA}
escaped = json.dumps(PAYLOAD, ensure_ascii=True).replace("'", "\\'").replace("/", "\\/")
template = ('{\n  "method": "POST",\n  "path": "/stripe",\n  "requestTimeEpoch": %d,\n'
            '  "sourceIp": "54.187.174.169",\n  "headers": %s,\n  "rawBody": %s,\n  "body": %s\n}\n'
            % (T * 1000 + 50, json.dumps(headers, ensure_ascii=False), escaped,
               json.dumps(EVENT, separators=(",", ":"), ensure_ascii=False)))
write("apigw-rawbody.json", None, template)
write("apigw-passthrough.json", {
    "body-json": EVENT,
    "params": {"path": {}, "querystring": {}, "header": headers},
    "stage-variables": {},
    "context": {"account-id": "", "api-id": "abc123", "http-method": "POST", "stage": "prod",
                "source-ip": "54.187.174.169", "user-agent": UA, "request-id": "c0ffee00-1111-2222-3333-444455556666",
                "resource-id": "r3s0urc3", "resource-path": "/stripe", "request-time-epoch": T * 1000 + 50},
})

# SQS: a Lambda SQS event (a signed delivery with its headers as message attributes, and an
# EventBridge event a rule sent to the queue) and `aws sqs receive-message` output.
attrs = {"Stripe-Signature": {"stringValue": SIG, "stringListValues": [], "binaryListValues": [], "dataType": "String"},
         "Content-Type": {"stringValue": "application/json; charset=utf-8", "stringListValues": [],
                          "binaryListValues": [], "dataType": "String"},
         "X-Trace": {"binaryValue": base64.b64encode(b"trace-7").decode(), "stringListValues": [],
                     "binaryListValues": [], "dataType": "Binary"}}
eventbridge = {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "customer.created",
               "source": "aws.partner/stripe.com/ed_test_61Import", "account": "123456789012",
               "time": "2025-05-01T12:00:01Z", "region": "eu-west-1", "resources": [], "detail": EVENT}
write("sqs-lambda-event.json", {"Records": [
    {"messageId": "059f36b4-87a3-44ab-83d2-661975830a7d", "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
     "body": PAYLOAD, "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": str(T * 1000 + 200),
                                     "SenderId": "AIDAIENQZJOLO23YVJ4VO"},
     "messageAttributes": attrs, "md5OfBody": "", "eventSource": "aws:sqs",
     "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:stripe-webhooks", "awsRegion": "eu-west-1"},
    {"messageId": "2e1424d4-f796-459a-8184-9c92662be6da", "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq",
     "body": json.dumps(eventbridge, separators=(",", ":"), ensure_ascii=False),
     "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": str(T * 1000 + 1500)},
     "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
     "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:stripe-dlq", "awsRegion": "eu-west-1"}]})
write("sqs-receive-message.json", {"Messages": [
    {"MessageId": "059f36b4-87a3-44ab-83d2-661975830a7d", "ReceiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
     "MD5OfBody": "", "Body": PAYLOAD, "Attributes": {"SentTimestamp": str(T * 1000 + 200)},
     "MessageAttributes": {"Stripe-Signature": {"StringValue": SIG, "DataType": "String"},
                           "Content-Type": {"StringValue": "application/json; charset=utf-8", "DataType": "String"}}}]})

# EventBridge: Stripe's own integration (the event only: no signature), and Hookbench's generic
# envelope as a rule delivers it (detail re-serialised compactly).
write("eventbridge-stripe.json", eventbridge)
envelope = dict(eventbridge, source="hookbench.webhook", **{"detail-type": "customer.created"})
envelope["detail"] = {"method": "POST", "target": "/stripe",
                      "headers": {"host": "hookbench.test", "user-agent": UA,
                                  "content-type": "application/json; charset=utf-8", "stripe-signature": SIG},
                      "verdict": "ok", "body": EVENT}
write("eventbridge-envelope.json", None, json.dumps(envelope, separators=(",", ":"), ensure_ascii=False) + "\n")

# CloudWatch Logs: `aws logs filter-log-events` output where the function logged
# JSON.stringify({...event, body: JSON.parse(event.body)}), and plain log lines (an S3 export)
# with a v2 event on one line and a v1 event pretty-printed over many.
logged = lambda_v1(None, False)
logged["body"] = EVENT
prefix = "2025-05-01T12:00:00.600Z\tc0ffee00-1111-2222-3333-444455556666\tINFO\t"
write("cwlogs-filter-log-events.json", {"events": [
    {"logStreamName": "2025/05/01/[$LATEST]0123456789abcdef", "timestamp": T * 1000 + 590,
     "message": "START RequestId: c0ffee00-1111-2222-3333-444455556666 Version: $LATEST\n",
     "ingestionTime": T * 1000 + 700, "eventId": "1"},
    {"logStreamName": "2025/05/01/[$LATEST]0123456789abcdef", "timestamp": T * 1000 + 600,
     "message": prefix + json.dumps(logged, separators=(",", ":"), ensure_ascii=False) + "\n",
     "ingestionTime": T * 1000 + 700, "eventId": "2"},
    {"logStreamName": "2025/05/01/[$LATEST]0123456789abcdef", "timestamp": T * 1000 + 610,
     "message": "END RequestId: c0ffee00-1111-2222-3333-444455556666\n",
     "ingestionTime": T * 1000 + 700, "eventId": "3"}],
    "searchedLogStreams": []})
v2 = lambda_v2(base64.b64encode(PAYLOAD.encode()).decode())
v2["isBase64Encoded"] = True
v1 = lambda_v1(PAYLOAD, False)
write("cwlogs-lines.log", None,
      "2025-05-01T12:00:00.500Z START RequestId: 1a2b Version: $LATEST\n"
      "2025-05-01T12:00:00.600Z 2025-05-01T12:00:00.600Z\t1a2b\tINFO\tgot " +
      json.dumps(v2, separators=(",", ":"), ensure_ascii=False) + "\n"
      "2025-05-01T12:00:00.610Z 2025-05-01T12:00:00.610Z\t1a2b\tINFO\tverifying\n"
      "2025-05-01T12:00:00.700Z 2025-05-01T12:00:00.700Z\t3c4d\tINFO\t" +
      json.dumps(v1, indent=2, ensure_ascii=False) + "\n"
      "2025-05-01T12:00:00.800Z END RequestId: 3c4d\n"
      "2025-05-01T12:00:00.800Z REPORT RequestId: 3c4d\tDuration: 2.31 ms\n")
with open(os.path.join(HERE, "stripe-payload.json"), "w", encoding="utf-8") as f:
    f.write(PAYLOAD)
