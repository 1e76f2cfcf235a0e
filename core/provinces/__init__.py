"""The provinces' nominee programs: their streams, scales, and draws as plain values."""
