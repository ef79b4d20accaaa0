// Box (webhooks v2): BOX-SIGNATURE-PRIMARY and BOX-SIGNATURE-SECONDARY are
// base64(HMAC-SHA256(key, body + BOX-DELIVERY-TIMESTAMP)), made with the app's primary and
// secondary keys; BOX-SIGNATURE-VERSION 1 and BOX-SIGNATURE-ALGORITHM HmacSHA256 name the scheme;
// deliveries older than 10 minutes (or dated in the future) are refused.
// SDK: box-node-sdk (WebhooksManager.validateMessage from box-node-sdk/lib/managers/webhooks, which reads Date.now(), frozen with
// atClock()). It has no signing function: requests are signed here with the documented scheme
// (node's crypto), and the SDK's own test vectors (its webhooks test, keys SamplePrimaryKey and
// SampleSecondaryKey) are verified by hookbench.

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, parseRawRequest, verify, sign, expectVerdict, expectHazard, expectNoHazards,
    expectSdkAccepts,
    expectSdkRejects, atClock, compact, pretty,
} from './lib/hookbench.mjs';
import { commonVerifyTests, timestampTests } from './lib/suite.mjs';

const { WebhooksManager } = await sdk('box-node-sdk/lib/managers/webhooks');

const SECRET = 'box-primary-key-Q8w2Zr5Tn1Lx';
const OTHER = 'box-secondary-key-other-7Hd3';
const EVENT = {
    type: 'webhook_event',
    id: 'eb0c4e06-751f-442c-86f8-fd5bb404dbec',
    created_at: '2025-11-22T03:19:57-08:00',
    trigger: 'FILE.UPLOADED',
    webhook: { id: '1234567890' },
    created_by: { type: 'user', id: '2345678901', name: 'Zoë Müller', login: 'zoe@example.com' },
    source: { id: '1234567890', type: 'file', name: 'Café menu.pdf', path: 'https://app.box.com/file/1' },
};
const BODY = compact(EVENT);

const rfc3339 = (at) => new Date(at * 1000).toISOString().replace('.000Z', 'Z');
const boxSig = (secret, body, stamp) => createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(body), Buffer.from(stamp)])).digest('base64');

function boxRequest({ primary, secondary, stamp, body }) {
    return rawRequest({
        target: '/webhooks/box',
        headers: [
            ['User-Agent', 'Box-WH-Client/0.1'],
            ['Content-Type', 'application/json; charset=UTF-8'],
            ['BOX-DELIVERY-ID', 'f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f'],
            ['BOX-DELIVERY-TIMESTAMP', stamp],
            ['BOX-SIGNATURE-ALGORITHM', 'HmacSHA256'],
            ...(primary === null ? [] : [['BOX-SIGNATURE-PRIMARY', primary]]),
            ...(secondary === null ? [] : [['BOX-SIGNATURE-SECONDARY', secondary]]),
            ['BOX-SIGNATURE-VERSION', '1'],
        ],
        body,
    });
}

// The SDK with the headers as a server framework hands them over (lower-case names).
const sdkValidate = (req, primary, secondary, at) => atClock(at, () => WebhooksManager.validateMessage(
    req.body.toString('utf8'), req.headers, primary, secondary === undefined ? {} : { secondaryKey: secondary }));

const adapter = {
    provider: 'box',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    hmac: true,
    signatureHeaders: ['BOX-SIGNATURE-PRIMARY', 'BOX-SIGNATURE-SECONDARY'],
    request({ signedBody, deliveredBody = signedBody, at = T, secret = SECRET }) {
        const stamp = rfc3339(at);
        return boxRequest({ primary: boxSig(secret, signedBody, stamp), secondary: boxSig(OTHER + 'x', signedBody, stamp),
            stamp, body: deliveredBody });
    },
    sdkVerify({ req, secret, at, tolerance }) {
        if (tolerance !== undefined) return undefined; // maxAge is the SDK's own option, not a tolerance both ways
        // The SDK refuses any timestamp after its clock, even a second of skew; hookbench takes
        // one within the tolerance and names timestamp_in_future (asserted below).
        if (Date.parse(req.headers['box-delivery-timestamp']) / 1000 > at) return undefined;
        return sdkValidate(req, secret, undefined, at);
    },
};

commonVerifyTests(adapter);
timestampTests(adapter, { tolerance: 600, bothWays: false });

// The SDK's webhooks test (box-node-sdk src/test/webhooks.test.ts, testWebhookValidation).
const SDK_BODY = '{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":'
    + '{"id":"1234567890","type":"file","name":"Test.txt"}}';
const SDK_STAMP = '2020-01-01T00:00:00-07:00';
const SDK_AT = Date.parse(SDK_STAMP) / 1000;

describe('box: the SDK\'s own vectors, and both keys', () => {
    const vector = boxRequest({ primary: '6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=',
        secondary: 'v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=', stamp: SDK_STAMP, body: SDK_BODY });

    test('SDK vector, primary key: ok, and the SDK agrees', async () => {
        await expectSdkAccepts({ command: 'validateMessage' }, 'validateMessage',
            () => sdkValidate(parseRawRequest(vector), 'SamplePrimaryKey', 'IncorrectKey', SDK_AT + 60));
        const r = verify({ provider: 'box', secrets: ['SamplePrimaryKey'], request: vector, at: SDK_AT + 60 });
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0, provider: 'box' });
        expectNoHazards(r);
    });

    test('SDK vector, only the secondary key: ok through BOX-SIGNATURE-SECONDARY, and the SDK agrees', async () => {
        await expectSdkAccepts({ command: 'validateMessage' }, 'validateMessage',
            () => sdkValidate(parseRawRequest(vector), 'IncorrectKey', 'SampleSecondaryKey', SDK_AT + 60));
        const r = verify({ provider: 'box', secrets: ['IncorrectKey', 'SampleSecondaryKey'], request: vector,
            at: SDK_AT + 60 });
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 1 });
    });

    test('SDK vector with neither key: signature_mismatch, and the SDK agrees', async () => {
        await expectSdkRejects('validateMessage',
            () => sdkValidate(parseRawRequest(vector), 'IncorrectKey', 'IncorrectKey', SDK_AT + 60));
        const r = verify({ provider: 'box', secrets: ['IncorrectKey'], request: vector, at: SDK_AT + 60 });
        expectVerdict(r, { valid: false, reason: 'signature_mismatch', matched_secret: null });
    });

    test('a future timestamp: the SDK refuses it; hookbench verifies it and names timestamp_in_future', async () => {
        const raw = adapter.request({ signedBody: BODY, at: T + 60 });
        await expectSdkRejects('validateMessage', () => sdkValidate(parseRawRequest(raw), SECRET, undefined, T));
        const r = verify({ provider: 'box', secrets: [SECRET], request: raw });
        expectVerdict(r, { valid: true, reason: 'ok', matched_secret: 0 });
        expectHazard(r, 'timestamp_in_future', { skew_s: 60 });
    });

    test('SDK vector 20 minutes later: timestamp_outside_tolerance, and the SDK refuses it too', async () => {
        await expectSdkRejects('validateMessage',
            () => sdkValidate(parseRawRequest(vector), 'SamplePrimaryKey', 'SampleSecondaryKey', SDK_AT + 1200));
        const r = verify({ provider: 'box', secrets: ['SamplePrimaryKey'], request: vector, at: SDK_AT + 1200 });
        expectVerdict(r, { valid: false, reason: 'timestamp_outside_tolerance' });
    });
});

signDescribe('box: hookbench signs, the SDK verifies', () => {
    for (const [label, body] of [['compact', BODY], ['pretty-printed non-ASCII', pretty(EVENT)]]) {
        test(`sign output (${label}) passes WebhooksManager.validateMessage`, async () => {
            const r = sign({ provider: 'box', secret: SECRET, at: T, body });
            await expectSdkAccepts(r, 'validateMessage', () => sdkValidate(r.parsed, SECRET, undefined, T));
            const again = verify({ provider: 'box', secrets: [SECRET], request: r.stdout });
            expectVerdict(again, { valid: true, reason: 'ok', matched_secret: 0 });
        });
    }

    test('sign output passes as the secondary key too (a rotation in progress)', async () => {
        const r = sign({ provider: 'box', secret: SECRET, at: T, body: BODY });
        await expectSdkAccepts(r, 'validateMessage', () => sdkValidate(r.parsed, OTHER, SECRET, T));
    });

    test('sign --break wrong-secret is rejected by the SDK', async () => {
        const r = sign({ provider: 'box', secret: SECRET, at: T, body: BODY, extra: ['--break', 'wrong-secret'] });
        await expectSdkRejects('validateMessage', () => sdkValidate(r.parsed, SECRET, SECRET, T));
    });

    test('sign output 11 minutes old is refused by the SDK (its 10-minute window)', async () => {
        const r = sign({ provider: 'box', secret: SECRET, at: T, body: BODY });
        await expectSdkRejects('validateMessage', () => sdkValidate(r.parsed, SECRET, undefined, T + 660));
    });
});
