// Prints the Stripe-Signature header that Stripe's official SDK makes for the payload on stdin:
// stripe.webhooks.generateTestHeaderString with the secret in STRIPE_WEBHOOK_SECRET and the
// current time, or the unix seconds in STRIPE_SIGN_TIMESTAMP when set. Used by
// ../test_forward_eventbridge_sdk.py and ../test_import_aws.py.
import Stripe from 'stripe';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const payload = Buffer.concat(chunks).toString('utf8');
const stripe = new Stripe('sk_test_hookbench_e2e_not_a_real_key');
process.stdout.write(stripe.webhooks.generateTestHeaderString({
    payload,
    secret: process.env.STRIPE_WEBHOOK_SECRET,
    timestamp: process.env.STRIPE_SIGN_TIMESTAMP ? Number(process.env.STRIPE_SIGN_TIMESTAMP) : undefined,
}));
