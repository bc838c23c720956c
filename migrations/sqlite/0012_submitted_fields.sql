-- The row as the reporter sent it (a JSON object by column code, personal ID numbers left out):
-- the reviewer reads what was sent, and a returned item can be corrected in its form.
ALTER TABLE submissions ADD COLUMN submitted_fields TEXT;
