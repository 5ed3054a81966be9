/// Twitter-style snowflake ids: 41 bits of time, 10 of machine, 12 of sequence.
pub const EXAMPLE_ID: u64 = «d19»;
