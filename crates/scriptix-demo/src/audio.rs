//! Just enough audio sniffing to tell a real file from a corrupted one, and a supported
//! codec from an unsupported one, by the first bytes of an upload.

/// What the first bytes of a file say about it.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Audio the demo can transcribe.
    Audio,
    /// Not readable as the format its name claims (empty, truncated, or something else).
    Invalid,
    /// The container is fine but its audio codec is not supported.
    UnsupportedCodec(String),
}

/// Bytes of a file [`sniff`] looks at.
pub const HEAD_LEN: usize = 64;

/// Judges a file of `format` (a lower-case extension from the supported list) by its
/// first bytes.
pub fn sniff(format: &str, head: &[u8]) -> Verdict {
    let ok = |good: bool| if good { Verdict::Audio } else { Verdict::Invalid };
    match format {
        "wav" => wav(head),
        "ogg" => ogg(head),
        "flac" => ok(head.starts_with(b"fLaC")),
        "mp3" => ok(head.starts_with(b"ID3") || head.len() >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0),
        "aac" => ok(head.len() >= 2 && head[0] == 0xFF && head[1] & 0xF6 == 0xF0),
        "m4a" => ok(head.len() >= 8 && &head[4..8] == b"ftyp"),
        _ => Verdict::Invalid,
    }
}

/// RIFF/WAVE: the `fmt ` chunk's format tag names the codec.
fn wav(head: &[u8]) -> Verdict {
    if head.len() < 22 || &head[0..4] != b"RIFF" || &head[8..12] != b"WAVE" || &head[12..16] != b"fmt " {
        return Verdict::Invalid;
    }
    match u16::from_le_bytes([head[20], head[21]]) {
        // PCM, IEEE float, A-law, µ-law, MPEG layer 3, WAVE_FORMAT_EXTENSIBLE.
        0x0001 | 0x0003 | 0x0006 | 0x0007 | 0x0055 | 0xFFFE => Verdict::Audio,
        0x0002 => Verdict::UnsupportedCodec("adpcm_ms".to_owned()),
        0x0011 => Verdict::UnsupportedCodec("adpcm_ima".to_owned()),
        0x0092 | 0x2000 => Verdict::UnsupportedCodec("ac3".to_owned()),
        0x2001 => Verdict::UnsupportedCodec("dts".to_owned()),
        other => Verdict::UnsupportedCodec(format!("0x{other:04x}")),
    }
}

/// Ogg: the first packet names the codec.
fn ogg(head: &[u8]) -> Verdict {
    if !head.starts_with(b"OggS") || head.len() < 36 {
        return Verdict::Invalid;
    }
    let packet = &head[28..];
    if packet.starts_with(b"\x01vorbis") || packet.starts_with(b"OpusHead") || packet.starts_with(b"\x7fFLAC") {
        Verdict::Audio
    } else if packet.starts_with(b"Speex") {
        Verdict::UnsupportedCodec("speex".to_owned())
    } else {
        Verdict::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav_header(tag: u16) -> Vec<u8> {
        let mut head = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00".to_vec();
        head.extend_from_slice(&tag.to_le_bytes());
        head.extend_from_slice(&[1, 0, 0x80, 0x3E, 0, 0, 0, 0x7D, 0, 0, 2, 0, 16, 0]);
        head
    }

    #[test]
    fn wav_codecs() {
        assert_eq!(sniff("wav", &wav_header(1)), Verdict::Audio);
        assert_eq!(sniff("wav", &wav_header(0x2000)), Verdict::UnsupportedCodec("ac3".into()));
        assert_eq!(sniff("wav", b"RIFF"), Verdict::Invalid);
        assert_eq!(sniff("wav", b""), Verdict::Invalid);
    }

    #[test]
    fn other_formats() {
        assert_eq!(sniff("flac", b"fLaC\x00\x00\x00\x22"), Verdict::Audio);
        assert_eq!(sniff("flac", b"not really audio"), Verdict::Invalid);
        assert_eq!(sniff("mp3", b"ID3\x04\x00"), Verdict::Audio);
        assert_eq!(sniff("mp3", &[0xFF, 0xFB, 0x90]), Verdict::Audio);
        assert_eq!(sniff("m4a", b"\x00\x00\x00\x20ftypM4A "), Verdict::Audio);
        assert_eq!(sniff("aac", &[0xFF, 0xF1, 0x50]), Verdict::Audio);
        let mut speex = b"OggS".to_vec();
        speex.resize(28, 0);
        speex.extend_from_slice(b"Speex   1.2");
        assert_eq!(sniff("ogg", &speex), Verdict::UnsupportedCodec("speex".into()));
    }
}
