"""The data-store client with its durable outbox, and the reference store server.

Entry points for the command line and the GUI:
  datastore.server.serve / create_app / add_client        -- the reference store
  datastore.credentials.load_credentials                  -- URL, client id, secret (env or keyring)
  datastore.client.StoreClient                            -- token + HTTP calls
  datastore.outbox.Outbox (queue / send / list / retry)   -- the durable upload queue
Server modules import Starlette; the client side does not, so a workstation needs only requests.
"""
