//! bytes, str, list, dict, tuple, slices and the builders.

use hpy::prelude::*;
use hpy::{ListBuilder, Slice, TupleBuilder};
use std::ffi::CString;

fn c_string(data: &[u8]) -> HPyResult<CString> {
    CString::new(data).map_err(|_| hpy::exceptions::ValueError::new_err("embedded NUL"))
}

/// `(Bytes::new(data), Bytes::from_c_str(data))` and the contents read back
/// through the view and through the checked accessor.
#[hpy_function]
pub fn bytes_make<'ctx>(
    ctx: Ctx<'ctx>,
    data: &[u8],
) -> HPyResult<(Bytes<'ctx>, Bytes<'ctx>, Vec<u8>, Vec<u8>)> {
    let made = Bytes::new(ctx, data)?;
    let from_c = Bytes::from_c_str(ctx, &c_string(data)?)?;
    let (viewed, checked) = (made.as_bytes().to_vec(), from_c.as_handle().as_bytes()?.to_vec());
    Ok((made, from_c, viewed, checked))
}

/// The contents of any object through the checked accessor (`TypeError`
/// for non-bytes) and its length through the view.
#[hpy_function]
pub fn bytes_checked(obj: &Handle<'_>) -> HPyResult<(Vec<u8>, usize)> {
    let data = obj.as_bytes()?.to_vec();
    let view: &Bytes<'_> = obj.downcast_ref()?;
    Ok((data, view.as_bytes().len()))
}

/// Every way to make a `str` from Rust data, by name.
#[hpy_function]
pub fn str_make<'ctx>(ctx: Ctx<'ctx>, how: &str, data: &[u8], errors: Option<&str>) -> HPyResult<Str<'ctx>> {
    match how {
        "new" => Str::new(ctx, core::str::from_utf8(data)?),
        "c_str" => Str::from_c_str(ctx, &c_string(data)?),
        "wide" => {
            let text = core::str::from_utf8(data)?;
            let wide: Vec<hpy::sys::wchar_t> = text.chars().map(|c| c as hpy::sys::wchar_t).collect();
            Str::from_wide(ctx, &wide)
        }
        "ascii" => Str::decode_ascii(ctx, data, errors),
        "latin1" => Str::decode_latin1(ctx, data, errors),
        "fs" => Str::decode_fs(ctx, data),
        "fs_c_str" => Str::decode_fs_c_str(ctx, &c_string(data)?),
        "os_str" => {
            use std::os::unix::ffi::OsStrExt;
            Str::from_os_str(ctx, std::ffi::OsStr::from_bytes(data))
        }
        _ => Err(hpy::exceptions::ValueError::new_err("unknown constructor")),
    }
}

/// `str(obj, encoding, errors)`.
#[hpy_function]
pub fn str_decode<'ctx>(
    obj: &Handle<'ctx>,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> HPyResult<Str<'ctx>> {
    Str::from_encoded_object(obj, encoding, errors)
}

/// One of the encoders, by name: `utf8`, `ascii`, `latin1`, `fs`, `os`.
#[hpy_function]
pub fn str_encode<'ctx>(ctx: Ctx<'ctx>, text: &Str<'ctx>, how: &str) -> HPyResult<Handle<'ctx>> {
    Ok(match how {
        "utf8" => text.encode_utf8()?.into(),
        "ascii" => text.encode_ascii()?.into(),
        "latin1" => text.encode_latin1()?.into(),
        "fs" => text.encode_fs()?.into(),
        "os" => {
            use std::os::unix::ffi::OsStrExt;
            Bytes::new(ctx, text.to_os_string()?.as_bytes())?.into()
        }
        _ => return Err(hpy::exceptions::ValueError::new_err("unknown encoder")),
    })
}

/// The UTF-8 of a `str` (borrowed, no copy), and its length in bytes.
#[hpy_function]
pub fn str_utf8(text: &Str<'_>) -> HPyResult<(String, usize)> {
    let utf8 = text.to_str()?;
    Ok((utf8.to_string(), utf8.len()))
}

/// The code point at `index`.
#[hpy_function]
pub fn str_read_char(text: &Str<'_>, index: usize) -> HPyResult<u32> {
    text.read_char(index)
}

/// `text[start:end]`.
#[hpy_function]
pub fn str_substring<'ctx>(text: &Str<'ctx>, start: usize, end: usize) -> HPyResult<Str<'ctx>> {
    text.substring(start, end)
}

/// A new list, appended to with handles and Rust values.
#[hpy_function]
pub fn list_make<'ctx>(ctx: Ctx<'ctx>, first: &Handle<'ctx>) -> HPyResult<List<'ctx>> {
    let list = List::new(ctx)?;
    list.append(first)?;
    list.append(2)?;
    list.append("three")?;
    Ok(list)
}

/// `items.append(item)` on a list argument (`TypeError` for a non-list).
#[hpy_function]
pub fn list_append(items: &List<'_>, item: &Handle<'_>) -> HPyResult<usize> {
    items.append(item)?;
    items.len()
}

/// A dict, its keys, a copy, and its items.
type DictParts<'ctx> = (Dict<'ctx>, List<'ctx>, Dict<'ctx>, Vec<(Handle<'ctx>, Handle<'ctx>)>);

/// A new dict filled through the item methods, its keys, a copy and its items.
#[hpy_function]
pub fn dict_make<'ctx>(
    ctx: Ctx<'ctx>,
    key: &Handle<'ctx>,
    value: &Handle<'ctx>,
) -> HPyResult<DictParts<'ctx>> {
    let dict = Dict::new(ctx)?;
    dict.set_item("a", 1)?;
    dict.set_item(key, value)?;
    let copy = dict.copy()?;
    copy.set_item("only_in_copy", true)?;
    Ok((dict.clone(), dict.keys()?, copy, dict.items()?))
}

/// Tuples from Rust values, from owned and borrowed handles, and empty.
#[hpy_function]
pub fn tuple_make<'ctx>(
    ctx: Ctx<'ctx>,
    a: &Handle<'ctx>,
    b: &Handle<'ctx>,
) -> HPyResult<(Tuple<'ctx>, Tuple<'ctx>, Tuple<'ctx>, Tuple<'ctx>)> {
    Ok((
        Tuple::new(ctx, (1, "x", a))?,
        Tuple::new(ctx, &[a.dup(), b.dup()][..])?,
        Tuple::new(ctx, &[a, b, a][..])?,
        Tuple::empty(ctx)?,
    ))
}

/// A slice unpacked, adjusted (with the count) and its indices.
type SliceParts = ((isize, isize, isize), (isize, isize, isize, usize), Vec<usize>);

/// `(start, stop, step)` unpacked, then adjusted to `length` with the
/// selected indices.
#[hpy_function]
pub fn slice_indices(slice: &Slice<'_>, length: usize) -> HPyResult<SliceParts> {
    let unpacked = slice.unpack()?;
    let adjusted = slice.indices(length)?;
    let direct = hpy::types::adjust_indices(length, unpacked.0, unpacked.1, unpacked.2);
    assert_eq!(adjusted, direct);
    Ok((unpacked, (adjusted.start, adjusted.stop, adjusted.step, adjusted.len), adjusted.iter().collect()))
}

/// A list and a tuple of `n` items made with the builders, in reverse
/// order of setting.
#[hpy_function]
pub fn build<'ctx>(ctx: Ctx<'ctx>, n: usize) -> HPyResult<(Handle<'ctx>, Handle<'ctx>, bool)> {
    let mut list = ListBuilder::new(ctx, n)?;
    let mut tuple = TupleBuilder::new(ctx, n)?;
    let empty = list.is_empty() && tuple.is_empty();
    for index in (0..list.len()).rev() {
        let item = (index * 10).into_hpy(ctx)?;
        list.set(index, &item);
        tuple.set(index, &item);
    }
    Ok((list.build()?, tuple.build()?, empty))
}

/// Misuses a builder, by name: `cancel` (dropped half-filled: nothing
/// leaks), `twice` (an item set twice: panics), `missing` (built with an
/// item missing: panics), `out_of_bounds` (panics).
#[hpy_function]
pub fn build_misuse(ctx: Ctx<'_>, how: &str) -> HPyResult<()> {
    let item = "item".into_hpy(ctx)?;
    let mut list = ListBuilder::new(ctx, 2)?;
    let mut tuple = TupleBuilder::new(ctx, 2)?;
    list.set(0, &item);
    tuple.set(0, &item);
    match how {
        "cancel" => Ok(()),
        "twice" => {
            tuple.set(0, &item);
            Ok(())
        }
        "missing" => list.build().map(drop),
        "out_of_bounds" => {
            list.set(2, &item);
            Ok(())
        }
        _ => Err(hpy::exceptions::ValueError::new_err("unknown misuse")),
    }
}
