// Discord interactions: X-Signature-Ed25519: hex(Ed25519 signature of timestamp + body) by
// Discord's private key, X-Signature-Timestamp. Hookbench's "secret" is the application's public
// key (hex), as in the Developer Portal. SDK: discord-interactions verifyKey. It has no signing
// function: requests are signed here with node's crypto (a key pair generated per run).

import { generateKeyPairSync, sign as edSign } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    T, sdk, signDescribe, rawRequest, verify, runCli, tmpFile, parseRawRequest, expectVerdict, expectSdkAccepts, report,
    compact, SELFCHECK,
} from './lib/hookbench.mjs';
import { commonVerifyTests, removeHeaders, replaceHeader } from './lib/suite.mjs';

const { verifyKey, InteractionType } = await sdk('discord-interactions');

const keyPair = () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    return {
        privateKey,
        publicHex: spki.subarray(spki.length - 32).toString('hex'),
        privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
        seedHex: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex'),
    };
};
const KEY = keyPair();
const OTHER = keyPair();

const BODY = compact({
    app_permissions: '442368', application_id: '1161234567890123456', type: InteractionType.APPLICATION_COMMAND,
    id: '1311234567890123456', token: 'aW50ZXJhY3Rpb246MTMxMTIzNDU2Nzg5MDEyMzQ1Ng',
    data: { name: 'café', options: [{ name: 'note', value: 'Grüße – https://example.com/a/b', type: 3 }] },
    member: { user: { username: 'zoë' } }, version: 1,
});

const edHex = (key, at, body) => edSign(null, Buffer.concat([Buffer.from(String(at)), Buffer.from(body)]), key)
    .toString('hex');

function discordRequest(headers, body) {
    return rawRequest({
        target: '/interactions',
        headers: [['User-Agent', 'Discord-Interactions/1.0 (+https://discord.com)'],
            ['Content-Type', 'application/json'], ...headers],
        body,
    });
}

const adapter = {
    provider: 'discord',
    secret: KEY.publicHex,
    otherSecret: OTHER.publicHex,
    body: BODY,
    hmac: false,
    signatureHeaders: ['X-Signature-Ed25519'],
    request({ signedBody, deliveredBody = signedBody, at = T, key = KEY.privateKey }) {
        return discordRequest([['X-Signature-Ed25519', edHex(key, at, signedBody)],
            ['X-Signature-Timestamp', String(at)]], deliveredBody);
    },
    sdkVerify({ req, secret }) {
        return verifyKey(req.body, req.headers['x-signature-ed25519'] ?? '', req.headers['x-signature-timestamp'] ?? '',
            secret);
    },
};

commonVerifyTests(adapter);

const run = (request, secrets, extra = {}) => verify({ provider: 'discord', secrets, request, ...extra });

describe('discord: header forms', () => {
    test('missing_timestamp: no X-Signature-Timestamp', () => {
        const raw = removeHeaders(adapter.request({ signedBody: BODY }), ['X-Signature-Timestamp']);
        const r = run(raw, [KEY.publicHex]);
        expectVerdict(r, { valid: false, reason: 'missing_timestamp' });
    });

    test('malformed_signature_header: the signature is not 64 bytes of hex', () => {
        const raw = replaceHeader(adapter.request({ signedBody: BODY }), 'X-Signature-Ed25519', 'abc123');
        const r = run(raw, [KEY.publicHex]);
        expectVerdict(r, { valid: false, reason: 'malformed_signature_header' });
    });
});

signDescribe('discord: hookbench signs, the SDK verifies', () => {
    // CONTRACT.md's `sign` takes --secret-env/--secret-file, but says nothing about the private
    // key of a public-key scheme. Tried in this order: PKCS#8 PEM file, hex seed (32 bytes).
    test('sign with the private key passes discord-interactions verifyKey', async (t) => {
        if (SELFCHECK) return t.skip('selfcheck');
        const attempts = [
            ['--secret-file', tmpFile('discord.pem', KEY.privatePem), {}],
            ['--secret-env', 'HB_DISCORD_KEY', { HB_DISCORD_KEY: KEY.seedHex }],
        ];
        const tried = [];
        for (const [opt, val, env] of attempts) {
            const r = runCli(['sign', '--provider', 'discord', opt, val, '--at', String(T), tmpFile('b', BODY)], { env });
            r.bodyFile = Buffer.from(BODY);
            if (r.status !== 0) { tried.push(report(r, 'sign refused this private key form')); continue; }
            const p = parseRawRequest(r.stdout);
            await expectSdkAccepts(r, 'discord-interactions verifyKey', () => verifyKey(p.body,
                p.headers['x-signature-ed25519'] ?? '', p.headers['x-signature-timestamp'] ?? '', KEY.publicHex));
            return;
        }
        throw new Error(`sign --provider discord accepts no private key form:\n${tried.join('\n')}`);
    });
});
