"""HTTP plumbing: retries, backoff, replicas. Not part of the public API."""
