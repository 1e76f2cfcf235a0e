"""IRCC's processing times: how long an application takes and how many wait, as plain values."""
