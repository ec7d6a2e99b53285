-- Limits shared by every server process (several behind a load balancer).
-- Keys are HMACs of what they count (a route and a client address, an
-- account, a recipient), so no address or phone number is kept here.

-- Fixed-window counters: requests per key, codes sent per recipient.
CREATE TABLE request_limit (
  key text PRIMARY KEY,
  hits integer NOT NULL CHECK (hits > 0),
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX request_limit_window_idx ON request_limit (window_ends_at);

-- Failed sign-ins per account (whether or not the account exists): each one
-- past the first few makes the next attempt wait longer, then the account is
-- locked for a while.
CREATE TABLE sign_in_failure (
  account_key text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures >= 0),
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz
);
CREATE INDEX sign_in_failure_last_idx ON sign_in_failure (last_failure_at);
