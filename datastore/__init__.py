"""The data-store client with its durable outbox, and the reference store server."""
