// openid-client (npm) against a Tollgate cloud with no shared secret: RFC 8414 discovery, the client-credentials grant
// authenticated with private_key_jwt (RFC 7523, the key read from a PKCS#8 PEM file), the token bound to a DPoP key
// (RFC 9449, openid-client's own proofs and nonce handling), then the protected API called with it, and once more as a
// plain bearer token (which must be refused). Prints one JSON line.
// Usage: node key-and-dpop.mjs ISSUER CLIENT_ID PRIVATE_KEY_PEM API_PATH
import * as client from 'openid-client';
import { readFileSync } from 'node:fs';
import { createPrivateKey, createHash } from 'node:crypto';

const [issuer, clientId, keyFile, apiPath] = process.argv.slice(2);
const der = createPrivateKey(readFileSync(keyFile, 'utf8')).export({ format: 'der', type: 'pkcs8' });
const privateKey = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);

const config = await client.discovery(new URL(issuer), clientId, undefined, client.PrivateKeyJwt(privateKey), {
  algorithm: 'oauth2',
  execute: [client.allowInsecureRequests],
});
const keyPair = await client.randomDPoPKeyPair('ES256');
const DPoP = client.getDPoPHandle(config, keyPair);
const tokens = await client.clientCredentialsGrant(config, { scope: 'read' }, { DPoP });

// RFC 7638 thumbprint of the DPoP public key, to compare with the token's cnf.jkt.
const jwk = await crypto.subtle.exportKey('jwk', keyPair.publicKey);
const jkt = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url').toString());

const url = new URL(apiPath, issuer);
const response = await client.fetchProtectedResource(config, tokens.access_token, url, 'GET', undefined, undefined, { DPoP });
const asBearer = await fetch(url, { headers: { authorization: `Bearer ${tokens.access_token}` } });
console.log(JSON.stringify({
  auth_methods: config.serverMetadata().token_endpoint_auth_methods_supported,
  dpop_algs: config.serverMetadata().dpop_signing_alg_values_supported,
  token_type: tokens.token_type,
  jkt,
  cnf_jkt: claims.cnf?.jkt,
  client_id: claims.client_id,
  api_status: response.status,
  api_body: await response.json(),
  bearer_status: asBearer.status,
}));
