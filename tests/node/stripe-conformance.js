'use strict';
// Runs the official stripe-node library against the Stripe simulator and checks what it sees:
// wire format, expansion, errors and their classes, idempotency, retries and webhook signatures.
// Usage: node conformance.js <port> [webhook.json]   (webhook.json: {body: base64, header, secret})
const assert = require('node:assert/strict');
const fs = require('node:fs');
const Stripe = require('stripe');

const [port, webhookFile] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const connection = { host: '127.0.0.1', port: Number(port), protocol: 'http', maxNetworkRetries: 1 };
const stripe = new Stripe('sk_test_123', connection);

const sessionParams = () => ({
  mode: 'payment',
  line_items: [{
    price_data: { currency: 'eur', unit_amount: 1999, product_data: { name: 'Europe 10 GB', description: '30 days' } },
    quantity: 2,
  }],
  success_url: 'https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://shop.example/cart',
  customer_email: 'traveller@example.com',
  client_reference_id: 'order_1',
  metadata: { order_id: '1' },
  payment_intent_data: { metadata: { order_id: '1' } },
  expires_at: Math.floor(Date.now() / 1000) + 3600,
  locale: 'auto',
  allow_promotion_codes: true,
});

async function sim(path, init) {
  const response = await fetch(base + path, init);
  return { status: response.status, body: await response.json() };
}

async function checks() {
  const session = await stripe.checkout.sessions.create(sessionParams());
  assert.match(session.id, /^cs_test_/);
  assert.equal(session.object, 'checkout.session');
  assert.equal(session.status, 'open');
  assert.equal(session.payment_status, 'unpaid');
  assert.equal(session.amount_total, 3998);
  assert.equal(session.metadata.order_id, '1');
  assert.equal(session.success_url, 'https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}');
  assert.equal(session.payment_intent, null);
  assert.ok(session.url.startsWith(`${base}/c/pay/${session.id}`), session.url);
  assert.match(session.lastResponse.requestId, /^req_/);

  const first = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: 'conformance-key' });
  const replay = await stripe.checkout.sessions.create({ ...sessionParams(), expires_at: first.expires_at }, { idempotencyKey: 'conformance-key' });
  assert.equal(replay.id, first.id);
  assert.equal(replay.lastResponse.headers['idempotent-replayed'], 'true');
  await assert.rejects(
    stripe.checkout.sessions.create({ ...sessionParams(), customer_email: 'other@example.com' }, { idempotencyKey: 'conformance-key' }),
    (err) => err instanceof Stripe.errors.StripeIdempotencyError && err.statusCode === 400);

  const paid = await sim(`/_sim/checkout/${session.id}/pay`, {
    method: 'POST',
    body: new URLSearchParams({ card: '4242424242424242', email: 'traveller@example.com' }),
  });
  assert.equal(paid.body.outcome, 'succeeded');
  assert.equal(paid.body.redirect_url, `https://shop.example/ok?session_id=${session.id}`);

  const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent', 'line_items'] });
  assert.equal(retrieved.status, 'complete');
  assert.equal(retrieved.payment_status, 'paid');
  assert.equal(retrieved.url, null);
  assert.equal(typeof retrieved.payment_intent, 'object');
  assert.equal(retrieved.payment_intent.status, 'succeeded');
  assert.equal(retrieved.payment_intent.amount_received, 3998);
  assert.equal(retrieved.payment_intent.metadata.order_id, '1');
  assert.equal(retrieved.line_items.data.length, 1);
  assert.equal(retrieved.line_items.data[0].quantity, 2);

  const lineItems = await stripe.checkout.sessions.listLineItems(session.id);
  assert.equal(lineItems.data[0].description, 'Europe 10 GB');
  const listed = await stripe.checkout.sessions.list({ payment_intent: retrieved.payment_intent.id });
  assert.deepEqual(listed.data.map((s) => s.id), [session.id]);

  const refund = await stripe.refunds.create({
    payment_intent: retrieved.payment_intent.id, amount: 1000, reason: 'requested_by_customer', metadata: { request: '7' },
  });
  assert.equal(refund.object, 'refund');
  assert.equal(refund.status, 'succeeded');
  assert.equal(refund.amount, 1000);
  assert.equal((await stripe.refunds.retrieve(refund.id)).payment_intent, retrieved.payment_intent.id);
  await assert.rejects(
    stripe.refunds.create({ payment_intent: retrieved.payment_intent.id, amount: 999999 }),
    (err) => err instanceof Stripe.errors.StripeInvalidRequestError && err.param === 'amount' && err.statusCode === 400);
  await stripe.refunds.create({ payment_intent: retrieved.payment_intent.id });
  await assert.rejects(
    stripe.refunds.create({ payment_intent: retrieved.payment_intent.id }),
    (err) => err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'charge_already_refunded');

  const other = await stripe.checkout.sessions.create(sessionParams());
  const expired = await stripe.checkout.sessions.expire(other.id);
  assert.equal(expired.status, 'expired');
  assert.equal(expired.url, null);

  await assert.rejects(
    stripe.checkout.sessions.retrieve('cs_test_missing'),
    (err) => err instanceof Stripe.errors.StripeInvalidRequestError
      && err.type === 'StripeInvalidRequestError'
      && err.code === 'resource_missing'
      && err.statusCode === 404
      && /^req_/.test(err.requestId));
  await assert.rejects(
    stripe.checkout.sessions.create({ ...sessionParams(), colour: 'red' }),
    (err) => err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'parameter_unknown' && err.param === 'colour');
  await assert.rejects(
    new Stripe('sk_live_nope', connection).checkout.sessions.retrieve(session.id),
    (err) => err instanceof Stripe.errors.StripeAuthenticationError);

  await sim('/_sim/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/v1/checkout/sessions', method: 'POST', effect: 'server_error', count: 1 }),
  });
  const retried = await stripe.checkout.sessions.create(sessionParams());
  assert.equal(retried.status, 'open');
  assert.equal((await sim('/_sim/faults')).body.length, 0);

  await sim('/_sim/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/v1/refunds', effect: 'rate_limit', count: 1 }),
  });
  await assert.rejects(
    stripe.refunds.create({ payment_intent: 'pi_any' }),
    (err) => err instanceof Stripe.errors.StripeRateLimitError);

  if (webhookFile) {
    const { body, header, secret } = JSON.parse(fs.readFileSync(webhookFile, 'utf8'));
    const raw = Buffer.from(body, 'base64');
    const event = stripe.webhooks.constructEvent(raw, header, secret);
    assert.equal(event.object, 'event');
    assert.equal(event.type, 'checkout.session.completed');
    assert.equal(event.data.object.object, 'checkout.session');
    assert.equal(event.api_version, Stripe.API_VERSION);
    assert.throws(
      () => stripe.webhooks.constructEvent(Buffer.concat([raw, Buffer.from('\n')]), header, secret),
      Stripe.errors.StripeSignatureVerificationError);
  }
}

// Exit explicitly: keep-alive connections to the simulator would otherwise keep node running.
checks().then(
  () => {
    console.log('stripe-node conformance: all checks passed');
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  });
