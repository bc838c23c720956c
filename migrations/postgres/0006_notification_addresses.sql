-- Where an account's notifications go by e-mail (optional; a case step is always recorded in the
-- outbox, and an account without an address is simply not mailed).
ALTER TABLE accounts ADD COLUMN email TEXT;
