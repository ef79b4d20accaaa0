// A small local app for the resend end-to-end test (tests/e2e/test_resend_sdk.py): a Stripe
// webhook handler that checks every request with the official SDK, as a user's handler would
// (stripe.webhooks.constructEvent on the raw body, Stripe's default 300 s tolerance).
//   STRIPE_WEBHOOK_SECRET=whsec_... node stripe-app.mjs
// Prints {"port": N} once listening, then one JSON line per request: method, url, headers in
// order (rawHeaders), body in base64, and the SDK's verdict. Answers 200 {"received": true, ...}
// when the SDK accepts the request, 400 {"error": "..."} when it throws.
import { createServer } from 'node:http';
import Stripe from 'stripe';

const stripe = new Stripe('sk_test_hookbench_e2e_not_a_real_key');
const secret = process.env.STRIPE_WEBHOOK_SECRET;
if (!secret) {
    console.error('stripe-app.mjs: STRIPE_WEBHOOK_SECRET is not set');
    process.exit(2);
}

const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        const body = Buffer.concat(chunks);
        let verdict;
        try {
            const event = stripe.webhooks.constructEvent(body, req.headers['stripe-signature'], secret);
            verdict = { ok: true, id: event.id, type: event.type };
        } catch (e) {
            verdict = { ok: false, error: e.message };
        }
        process.stdout.write(JSON.stringify({
            method: req.method, url: req.url, headers: req.rawHeaders,
            body: body.toString('base64'), verdict,
        }) + '\n');
        const answer = JSON.stringify(verdict.ok ? { received: true, type: verdict.type } : { error: verdict.error });
        res.writeHead(verdict.ok ? 200 : 400, {
            'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer), 'X-App': 'stripe-sdk',
        });
        res.end(answer);
    });
});
server.listen(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
