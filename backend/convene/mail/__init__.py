"""The outbox: e-mail written in the same transaction as the change it reports, sent later."""
