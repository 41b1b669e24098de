// openid-client (npm) against a Tollgate cloud: RFC 8414 discovery, then the client-credentials grant
// with the given client authentication (basic = RFC 6749 §2.3.1 encoding, post = client_secret_post),
// then a protected API call with the token. Prints one JSON line.
// Usage: node client-credentials.mjs ISSUER CLIENT_ID SECRET basic|post API_PATH
import * as client from 'openid-client';

const [issuer, clientId, secret, method, apiPath] = process.argv.slice(2);
const auth = method === 'post' ? client.ClientSecretPost(secret) : client.ClientSecretBasic(secret);
const config = await client.discovery(new URL(issuer), clientId, undefined, auth, {
  algorithm: 'oauth2', // RFC 8414 /.well-known/oauth-authorization-server
  execute: [client.allowInsecureRequests], // plain http on loopback
});
const tokens = await client.clientCredentialsGrant(config, { scope: 'read' });
const response = await client.fetchProtectedResource(config, tokens.access_token, new URL(apiPath, issuer), 'GET');
console.log(JSON.stringify({
  issuer: config.serverMetadata().issuer,
  token_endpoint: config.serverMetadata().token_endpoint,
  token_type: tokens.token_type,
  expires_in: tokens.expires_in,
  scope: tokens.scope,
  api_status: response.status,
  api_body: await response.json(),
}));
