#pragma once

// The stored captures of the rule benchmarks (bench_rule_filter, bench_pattern): Stripe-like
// invoice events of 1 to 3 KB on the endpoint "stripe", verified, as Stripe sends them.
#include "core/store/CaptureStore.h"

#include <QList>
#include <QString>

namespace StripeStore {

// A Stripe-like event of 1 to 3 KB (an invoice with 1 to 4 line items), as Stripe sends it.
inline NewCapture capture(int i)
{
    static const char *types[] = {"customer.created", "invoice.paid", "charge.refunded"};
    const QByteArray n = QByteArray::number(i);
    QByteArray lines;
    for (int l = 0; l <= i % 4; ++l) {
        lines += QByteArray(l ? "," : "") + R"({"id":"il_1Q)" + n + "x" + QByteArray::number(l) +
                 R"(","object":"line_item","amount":)" + QByteArray::number(i % 10000) +
                 R"(,"currency":"usd","description":"1 × Pro plan at $12.34 a month",)"
                 R"("discountable":true,"livemode":false,"metadata":{},"period":{"end":1767225600,)"
                 R"("start":1764547200},"price":{"id":"price_1PzQ","object":"price","active":true,)"
                 R"("billing_scheme":"per_unit","currency":"usd","product":"prod_QxY",)"
                 R"("recurring":{"interval":"month","interval_count":1},"unit_amount":1234},)"
                 R"("proration":false,"quantity":1,"type":"subscription"})";
    }
    const QByteArray body =
        R"({"id":"evt_1Q)" + n + R"(","object":"event","api_version":"2024-06-20",)" +
        R"("created":)" + QByteArray::number(1764547200 + i) + R"(,"data":{"object":{"id":"in_1Q)" +
        n +
        R"(","object":"invoice","account_country":"US","account_name":"Acme Inc.",)"
        R"("amount":)" +
        QByteArray::number(i % 10000) +
        R"(,"amount_due":1234,"amount_paid":1234,)"
        R"("amount_remaining":0,"attempt_count":1,"attempted":true,)"
        R"("billing_reason":"subscription_cycle","collection_method":"charge_automatically",)"
        R"("currency":")" +
        (i % 5 ? "usd" : "eur") + R"(","customer":"cus_)" + QByteArray::number(i % 5000) +
        R"(","customer_email":"jenny.rosen@example.com","customer_name":"Jenny Rosen",)"
        R"("description":null,"hosted_invoice_url":"https://invoice.stripe.com/i/acct_1Nv/test_)" +
        n + R"(","lines":{"object":"list","data":[)" + lines +
        R"(],"has_more":false,"total_count":)" + QByteArray::number(i % 4 + 1) +
        R"(,"url":"/v1/invoices/in_1Q)" + n +
        R"(/lines"},"livemode":false,"metadata":{"order_id":"ord_)" + n + R"("},"number":"ACME-)" +
        n +
        R"(","paid":true,"status":"paid","subtotal":1234,"tax":null,"total":1234}},)"
        R"("livemode":false,"pending_webhooks":1,"request":{"id":"req_)" +
        n + R"(","idempotency_key":"b4c2)" + n + R"("},"type":")" + types[i % 3] + R"("})";
    NewCapture c;
    c.summary.receivedAtUs = 1763779200000000 + qint64(i) * 1000;
    c.summary.method = "POST";
    c.summary.target = "/stripe";
    c.summary.endpointId = "stripe";
    c.summary.status = 200;
    c.summary.verdictReason = "ok";
    c.raw = "POST /stripe HTTP/1.1\r\nHost: hooks.example.com\r\nUser-Agent: Stripe/1.0 "
            "(+https://stripe.com/docs/webhooks)\r\nContent-Type: application/json; "
            "charset=utf-8\r\nStripe-Signature: t=1764547200,v1=" +
            QByteArray(64, 'a') + "\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\n\r\n" + body;
    return c;
}

// Appends captures to the store at `path` (created when missing) until it holds `count`.
inline bool fill(const QString &path, int count, QString *error)
{
    CaptureStore store;
    if (!store.open(path)) {
        *error = store.errorString();
        return false;
    }
    for (qint64 have = store.count(); have < count;) {
        QList<NewCapture> batch;
        for (int i = int(have); i < count && batch.size() < 10000; ++i)
            batch.append(capture(i));
        have += batch.size();
        if (!store.append(batch)) {
            *error = store.errorString();
            return false;
        }
    }
    return true;
}

} // namespace StripeStore
