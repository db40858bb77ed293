//! A reader for CTranslate2's `model.bin`: the only whisper weights that a package registry
//! carries. Layout (little-endian): `u32 version`, string spec name, `u32 revision`,
//! `u32 n_variables`, then per variable a string name, `u8 rank`, `u32 dims[rank]`, `u8 dtype`,
//! `u32 n_bytes` and the data; then `u32 n_aliases` and (alias, target) string pairs. A string is
//! a `u16` length that counts a trailing NUL, then the bytes.

use std::collections::BTreeMap;

/// Why a CTranslate2 file cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Ct2Error {
    #[error("file ends early at byte {0} (truncated download?)")]
    Truncated(usize),
    #[error("not a CTranslate2 whisper model: {0}")]
    WrongFormat(String),
    #[error("variable `{0}` is missing")]
    Missing(String),
    #[error("variable `{name}` has shape {dims:?}, expected {expected}")]
    Shape {
        name: String,
        dims: Vec<usize>,
        expected: String,
    },
    #[error("variable `{name}` is stored as {dtype}; only float16 and float32 models convert")]
    Dtype { name: String, dtype: String },
}

/// Element type of a variable, as CTranslate2 numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    F32,
    I8,
    I16,
    I32,
    F16,
    Bf16,
}

impl Dtype {
    fn from_code(code: u8) -> Option<Dtype> {
        Some(match code {
            0 => Dtype::F32,
            1 => Dtype::I8,
            2 => Dtype::I16,
            3 => Dtype::I32,
            4 => Dtype::F16,
            5 => Dtype::Bf16,
            _ => return None,
        })
    }

    pub fn code(self) -> u8 {
        match self {
            Dtype::F32 => 0,
            Dtype::I8 => 1,
            Dtype::I16 => 2,
            Dtype::I32 => 3,
            Dtype::F16 => 4,
            Dtype::Bf16 => 5,
        }
    }

    pub fn size(self) -> usize {
        match self {
            Dtype::I8 => 1,
            Dtype::I16 | Dtype::F16 | Dtype::Bf16 => 2,
            Dtype::F32 | Dtype::I32 => 4,
        }
    }
}

/// One stored array, borrowed from the file's bytes.
#[derive(Debug, Clone)]
pub struct Variable<'a> {
    pub dims: Vec<usize>,
    pub dtype: Dtype,
    pub data: &'a [u8],
}

impl Variable<'_> {
    /// The values as f32, whatever float type they are stored in.
    pub fn to_f32(&self, name: &str) -> Result<Vec<f32>, Ct2Error> {
        match self.dtype {
            Dtype::F32 => Ok(self
                .data
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect()),
            Dtype::F16 => Ok(self
                .data
                .chunks_exact(2)
                .map(|c| half::f16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect()),
            Dtype::Bf16 => Ok(self
                .data
                .chunks_exact(2)
                .map(|c| half::bf16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect()),
            other => Err(Ct2Error::Dtype {
                name: name.to_string(),
                dtype: format!("{other:?}"),
            }),
        }
    }

    /// A small integer scalar such as `encoder/num_heads`.
    pub fn scalar_int(&self) -> Option<i64> {
        if !self.dims.is_empty() {
            return None;
        }
        let d = self.data;
        Some(match (self.dtype, d.len()) {
            (Dtype::I8, 1) => d[0] as i8 as i64,
            (Dtype::I16, 2) => i16::from_le_bytes([d[0], d[1]]) as i64,
            (Dtype::I32, 4) => i32::from_le_bytes([d[0], d[1], d[2], d[3]]) as i64,
            _ => return None,
        })
    }
}

/// A parsed `model.bin`; variables borrow from the bytes it was read from.
#[derive(Debug)]
pub struct Ct2Model<'a> {
    pub spec: String,
    pub revision: u32,
    pub variables: BTreeMap<String, Variable<'a>>,
    pub aliases: BTreeMap<String, String>,
}

impl<'a> Ct2Model<'a> {
    /// Parses a whole `model.bin`.
    ///
    /// # Errors
    /// [`Ct2Error::Truncated`] when the bytes end inside a record, [`Ct2Error::WrongFormat`] for
    /// another file or another CTranslate2 model type.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, Ct2Error> {
        let mut c = Cursor { b: bytes, pos: 0 };
        let version = c.u32()?;
        if version != 6 && version != 5 {
            return Err(Ct2Error::WrongFormat(format!(
                "format version {version} (expected 5 or 6)"
            )));
        }
        let spec = c.string()?;
        if spec != "WhisperSpec" {
            return Err(Ct2Error::WrongFormat(format!("spec `{spec}`")));
        }
        let revision = c.u32()?;
        let n = c.u32()? as usize;
        let mut variables = BTreeMap::new();
        for _ in 0..n {
            let name = c.string()?;
            let rank = c.u8()? as usize;
            let mut dims = Vec::with_capacity(rank);
            for _ in 0..rank {
                dims.push(c.u32()? as usize);
            }
            let code = c.u8()?;
            let dtype = Dtype::from_code(code)
                .ok_or_else(|| Ct2Error::WrongFormat(format!("`{name}` has dtype {code}")))?;
            let n_bytes = c.u32()? as usize;
            let count: usize = dims.iter().product();
            if count * dtype.size() != n_bytes {
                return Err(Ct2Error::WrongFormat(format!(
                    "`{name}` declares {n_bytes} bytes for shape {dims:?}"
                )));
            }
            let data = c.take(n_bytes)?;
            variables.insert(name, Variable { dims, dtype, data });
        }
        let mut aliases = BTreeMap::new();
        if c.pos < bytes.len() {
            let n_aliases = c.u32()?;
            for _ in 0..n_aliases {
                let alias = c.string()?;
                let target = c.string()?;
                aliases.insert(alias, target);
            }
        }
        Ok(Ct2Model {
            spec,
            revision,
            variables,
            aliases,
        })
    }

    /// A variable by name, following aliases.
    ///
    /// # Errors
    /// [`Ct2Error::Missing`].
    pub fn get(&self, name: &str) -> Result<&Variable<'a>, Ct2Error> {
        let target = self.aliases.get(name).map(String::as_str).unwrap_or(name);
        self.variables
            .get(target)
            .ok_or_else(|| Ct2Error::Missing(name.to_string()))
    }

    /// How many `{prefix}/layer_N/` blocks the model has.
    pub fn count_layers(&self, prefix: &str) -> usize {
        (0..)
            .take_while(|i| {
                let p = format!("{prefix}/layer_{i}/");
                self.variables
                    .range(p.clone()..)
                    .next()
                    .is_some_and(|(k, _)| k.starts_with(&p))
            })
            .count()
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Ct2Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or(Ct2Error::Truncated(self.b.len()))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, Ct2Error> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, Ct2Error> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn string(&mut self) -> Result<String, Ct2Error> {
        let s = self.take(2)?;
        let n = u16::from_le_bytes([s[0], s[1]]) as usize;
        let bytes = self.take(n)?;
        let bytes = bytes.strip_suffix(&[0]).unwrap_or(bytes);
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Writes a CTranslate2 `model.bin`: used by tests to make small models, and documents the
/// format from the other side.
#[derive(Debug, Default)]
pub struct Ct2Writer {
    vars: Vec<(String, Vec<usize>, Dtype, Vec<u8>)>,
    aliases: Vec<(String, String)>,
}

impl Ct2Writer {
    pub fn f16(&mut self, name: &str, dims: &[usize], values: &[f32]) -> &mut Self {
        let data = values
            .iter()
            .flat_map(|v| half::f16::from_f32(*v).to_le_bytes())
            .collect();
        self.vars
            .push((name.to_string(), dims.to_vec(), Dtype::F16, data));
        self
    }
    pub fn i16_scalar(&mut self, name: &str, v: i16) -> &mut Self {
        self.vars.push((
            name.to_string(),
            vec![],
            Dtype::I16,
            v.to_le_bytes().to_vec(),
        ));
        self
    }
    pub fn alias(&mut self, alias: &str, target: &str) -> &mut Self {
        self.aliases.push((alias.to_string(), target.to_string()));
        self
    }
    pub fn to_bytes(&self) -> Vec<u8> {
        fn string(out: &mut Vec<u8>, s: &str) {
            out.extend_from_slice(&((s.len() + 1) as u16).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
            out.push(0);
        }
        let mut out = Vec::new();
        out.extend_from_slice(&6u32.to_le_bytes());
        string(&mut out, "WhisperSpec");
        out.extend_from_slice(&3u32.to_le_bytes());
        out.extend_from_slice(&(self.vars.len() as u32).to_le_bytes());
        for (name, dims, dtype, data) in &self.vars {
            string(&mut out, name);
            out.push(dims.len() as u8);
            for d in dims {
                out.extend_from_slice(&(*d as u32).to_le_bytes());
            }
            out.push(dtype.code());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(data);
        }
        out.extend_from_slice(&(self.aliases.len() as u32).to_le_bytes());
        for (a, t) in &self.aliases {
            string(&mut out, a);
            string(&mut out, t);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_variables_and_aliases() {
        let mut w = Ct2Writer::default();
        w.f16("a/b", &[2, 2], &[1.0, -2.0, 0.5, 3.0])
            .i16_scalar("encoder/num_heads", 6)
            .alias("x", "a/b");
        let bytes = w.to_bytes();
        let m = Ct2Model::parse(&bytes).unwrap();
        assert_eq!(m.spec, "WhisperSpec");
        assert_eq!(
            m.get("x").unwrap().to_f32("x").unwrap(),
            [1.0, -2.0, 0.5, 3.0]
        );
        assert_eq!(m.get("encoder/num_heads").unwrap().scalar_int(), Some(6));
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let mut w = Ct2Writer::default();
        w.f16("a", &[3], &[1.0, 2.0, 3.0]).alias("b", "a");
        let bytes = w.to_bytes();
        for cut in 0..bytes.len() - 4 {
            // Cutting inside the alias table's count may still parse; every other cut must not.
            if let Ok(m) = Ct2Model::parse(&bytes[..cut]) {
                assert!(m.aliases.is_empty(), "cut at {cut} parsed with aliases");
            }
        }
        assert_eq!(
            Ct2Model::parse(&bytes[..20]).unwrap_err(),
            Ct2Error::Truncated(20)
        );
    }

    #[test]
    fn wrong_magic_is_rejected() {
        let err = Ct2Model::parse(b"\x89PNG\r\n\x1a\n0000").unwrap_err();
        assert!(matches!(err, Ct2Error::WrongFormat(_)), "{err:?}");
        let mut other = Vec::new();
        other.extend_from_slice(&6u32.to_le_bytes());
        other.extend_from_slice(&14u16.to_le_bytes());
        other.extend_from_slice(b"TransformerSp\0");
        let err = Ct2Model::parse(&other).unwrap_err().to_string();
        assert!(err.contains("spec `TransformerSp`"), "{err}");
    }
}
