// A real OpenID Connect provider (the OpenID Certified npm `oidc-provider`) on loopback, for
// the single sign-on tests. Configured from the environment:
//   OIDC_PORT      the port to listen on (127.0.0.1)
//   OIDC_CLIENTS   JSON list of {client_id, client_secret, redirect_uris}
//   OIDC_ACCOUNTS  JSON object: login name -> claims (email, email_verified, name, ...)
//   OIDC_NOW_MS    the tests' clock at start, in ms since the epoch: this process keeps to it,
//                  so the tokens it issues are dated on the same clock Civic P3 checks them by
// Its development sign-in form accepts any password for a login named in OIDC_ACCOUNTS.
// Prints "ready" once it listens.
import Provider from 'oidc-provider';

const realNow = Date.now;
const offset = process.env.OIDC_NOW_MS ? Number(process.env.OIDC_NOW_MS) - realNow() : 0;
Date.now = () => realNow() + offset;

const port = Number(process.env.OIDC_PORT);
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS);
const clients = JSON.parse(process.env.OIDC_CLIENTS).map((client) => ({
  ...client,
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
}));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients,
  // The claims go in the ID token, where Civic P3 reads them (as Entra ID puts them there).
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  pkce: { required: () => true },
  async findAccount(_ctx, id) {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
});
provider.proxy = false;

provider.listen(port, '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
