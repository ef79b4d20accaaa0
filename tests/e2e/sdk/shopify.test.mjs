// Shopify: X-Shopify-Hmac-Sha256: base64(HMAC-SHA256(app client secret, body)). No timestamp.
// SDK: @shopify/shopify-api shopify.webhooks.validate (node adapter), which also requires the
// X-Shopify-Topic, -Shop-Domain, -API-Version and -Webhook-Id headers. It has no signing function:
// requests are signed here with the documented HMAC rule (node's crypto).

import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, sign, expectVerdict, expectSdkAccepts, compact,
} from './lib/hookbench.mjs';
import { commonVerifyTests, replaceHeader } from './lib/suite.mjs';

await sdk('@shopify/shopify-api/adapters/node');
const { shopifyApi, ApiVersion, LogSeverity } = await sdk('@shopify/shopify-api');

const SECRET = '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';
const OTHER = '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';
const apis = new Map();
const shopify = (secret) => {
    if (!apis.has(secret)) {
        apis.set(secret, shopifyApi({ apiKey: 'hookbench-e2e', apiSecretKey: secret, scopes: [], hostName: 'localhost',
            apiVersion: ApiVersion.October25, isEmbeddedApp: false, logger: { level: LogSeverity.Error } }));
    }
    return apis.get(secret);
};

const SHOPIFY_HEADERS = [
    ['X-Shopify-Topic', 'orders/create'],
    ['X-Shopify-Shop-Domain', 'zoes-cafe.myshopify.com'],
    ['X-Shopify-API-Version', '2025-10'],
    ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
    ['X-Shopify-Triggered-At', '2025-11-22T03:19:57.000000000Z'],
    ['X-Shopify-Event-Id', '98880550-7158-44d4-b7cd-2c97c8a091b5'],
];
const BODY = compact({
    id: 820982911946154500, email: 'zoe@example.com', name: '#1001', currency: 'EUR', total_price: '10.00',
    customer: { first_name: 'Zoë', last_name: 'Müller' }, note: 'Café – 10 €',
    order_status_url: 'https://zoes-cafe.myshopify.com/548380009/orders/123456abcd/authenticate?key=abcdefg',
});
const hmac = (secret, body) => createHmac('sha256', secret).update(body).digest('base64');

function shopifyRequest(signature, body) {
    return rawRequest({
        target: '/webhooks/shopify',
        headers: [
            ['User-Agent', 'Shopify-Captain-Hook'],
            ['Content-Type', 'application/json'],
            ...SHOPIFY_HEADERS,
            ...(signature === null ? [] : [['X-Shopify-Hmac-Sha256', signature]]),
        ],
        body,
    });
}

async function sdkValidate(secret, headers, body) {
    const r = await shopify(secret).webhooks.validate({ rawBody: body.toString('utf8'),
        rawRequest: { headers, method: 'POST', url: '/webhooks/shopify' }, rawResponse: {} });
    return r;
}

const adapter = {
    provider: 'shopify',
    secret: SECRET,
    otherSecret: OTHER,
    body: BODY,
    hmac: true,
    signatureHeaders: ['X-Shopify-Hmac-Sha256'],
    request({ signedBody, deliveredBody = signedBody, secret = SECRET }) {
        return shopifyRequest(hmac(secret, signedBody), deliveredBody);
    },
    async sdkVerify({ req, secret }) {
        return (await sdkValidate(secret, req.headers, req.body)).valid;
    },
};

commonVerifyTests(adapter);

describe('shopify: header forms', () => {
    test('malformed_signature_header: X-Shopify-Hmac-Sha256 is not base64', () => {
        const raw = replaceHeader(adapter.request({ signedBody: BODY }), 'X-Shopify-Hmac-Sha256', '#not base64#');
        const r = verify({ provider: 'shopify', secrets: [SECRET], request: raw });
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

signDescribe('shopify: hookbench signs, the SDK verifies', () => {
    test('sign output (with the Shopify headers given by --header) passes shopify.webhooks.validate', async () => {
        const r = sign({ provider: 'shopify', secret: SECRET, at: T, body: BODY,
            headers: SHOPIFY_HEADERS.map(([k, v]) => `${k}: ${v}`) });
        await expectSdkAccepts(r, 'shopify.webhooks.validate', async () => {
            const v = await sdkValidate(SECRET, r.parsed.headers, r.parsed.body);
            if (!v.valid) throw new Error(JSON.stringify(v));
            return true;
        });
    });

    test('sign output without --header passes shopify.webhooks.validate (CONTRACT: "the SDK accepts")', async () => {
        const r = sign({ provider: 'shopify', secret: SECRET, at: T, body: BODY });
        await expectSdkAccepts(r, 'shopify.webhooks.validate', async () => {
            const v = await sdkValidate(SECRET, r.parsed.headers, r.parsed.body);
            if (!v.valid) throw new Error(JSON.stringify(v));
            return true;
        });
    });
});
