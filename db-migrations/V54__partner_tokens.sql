-- The OAuth tokens of the marketplaces' partner APIs (Lazada, later Shopee, Tiki, Sendo), one row per source.
-- Tokens are stored encrypted (AES-GCM under DSS_TOKEN_KEY); only the expiries are readable. A refresh replaces
-- the access and refresh tokens in one update, so until that update commits the row still holds the previous
-- refresh token, which the platform keeps accepting until the new one is used: a crash mid-refresh loses nothing.
create table ops.partner_token (
    source             text        primary key,
    access_token       bytea       not null,
    access_expires_at  timestamptz not null,
    refresh_token      bytea       not null,
    refresh_expires_at timestamptz not null,
    refreshed_at       timestamptz not null default now()
);
