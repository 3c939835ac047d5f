// HPy places an object's data at a 16-byte boundary at best: a class
// whose value needs more would be read through misaligned references.
use hpy::prelude::*;

#[repr(align(64))]
pub struct CacheLine([u8; 64]);

#[hpy_type]
pub struct Aligned {
    line: CacheLine,
}

fn main() {}
