"""Druva's documented getToken snippet, run unchanged against a Tollgate server.

Usage: get_token.py TOKEN_URL API_URL CLIENT_ID SECRET
Prints one JSON line: the token response and the status and body of a GET on API_URL.
"""
import json
import sys

import requests
from oauthlib.oauth2 import BackendApplicationClient
from requests.auth import HTTPBasicAuth
from requests_oauthlib import OAuth2Session


def getToken(clientId, secret, token_url):
    auth = HTTPBasicAuth(clientId, secret)
    client = BackendApplicationClient(client_id=clientId)
    oauth = OAuth2Session(client=client)
    token = oauth.fetch_token(token_url=token_url, auth=auth)
    return token


def main():
    token_url, api_url, client_id, secret = sys.argv[1:5]
    token = getToken(client_id, secret, token_url)
    response = requests.get(api_url, headers={"Authorization": "Bearer " + token["access_token"]})
    print(json.dumps({
        "token_type": token["token_type"],
        "expires_in": token["expires_in"],
        "access_token": token["access_token"],
        "api_status": response.status_code,
        "api_body": response.json(),
    }))


if __name__ == "__main__":
    main()
