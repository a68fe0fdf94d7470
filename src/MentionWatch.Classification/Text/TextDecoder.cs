namespace MentionWatch.Classification.Text;

/// <summary>
/// First normalization pass: HTML entities decoded, case folded, ё to е, curly apostrophes straightened,
/// control characters and lone surrogates turned into spaces, input cut at <see cref="TokenBuffer.MaxInputChars"/>.
/// </summary>
internal static class TextDecoder
{
    public static void Decode(ReadOnlySpan<char> text, TokenBuffer buffer)
    {
        var output = buffer.Decoded;
        int limit = Math.Min(text.Length, TokenBuffer.MaxInputChars);
        // Most English posts are plain ASCII without entities or control characters: one vectorized
        // lower-casing copy replaces the per-character loop (decode was ~10% of classify time).
        var head = text[..limit];
        if (head.IndexOfAnyExceptInRange(' ', '~') < 0 && head.IndexOf('&') < 0)
        {
            System.Text.Ascii.ToLower(head, output, out int written);
            buffer.DecodedLength = written;
            return;
        }
        int o = 0;
        for (int i = 0; i < limit; i++)
        {
            char c = text[i];
            if (c == '&')
            {
                int consumed = TryDecodeEntity(text[i..limit], out char decoded);
                if (consumed > 0)
                {
                    output[o++] = Fold(decoded);
                    i += consumed - 1;
                    continue;
                }
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 < limit && char.IsLowSurrogate(text[i + 1]))
                {
                    output[o++] = c;
                    output[o++] = text[++i];
                }
                else
                {
                    output[o++] = ' ';
                }
                continue;
            }
            else if (char.IsLowSurrogate(c))
            {
                output[o++] = ' ';
                continue;
            }
            output[o++] = Fold(c);
        }
        buffer.DecodedLength = o;
    }

    private static char Fold(char c)
    {
        if (c < 128)
        {
            if ((uint)(c - 'A') <= 'Z' - 'A') return (char)(c | 0x20);
            return c < ' ' ? ' ' : c;
        }
        if ((uint)(c - '\u0410') <= '\u042F' - '\u0410') return (char)(c + 32);
        return c switch
        {
            '\u0451' or '\u0401' => '\u0435',
            '\u2019' or '\u2018' or '\u02BC' => '\'',
            '\u00A0' or '\u2028' or '\u2029' or '\u200B' => ' ',
            _ => char.ToLowerInvariant(c),
        };
    }

    /// <summary>Returns the entity's length including '&amp;' and ';', or 0 when it is not an entity we know.</summary>
    private static int TryDecodeEntity(ReadOnlySpan<char> s, out char decoded)
    {
        decoded = '\0';
        int semi = s.Length > 12 ? s[..12].IndexOf(';') : s.IndexOf(';');
        if (semi < 2) return 0;
        var name = s[1..semi];
        if (name[0] == '#')
        {
            int value = 0;
            bool hex = name.Length > 1 && (name[1] == 'x' || name[1] == 'X');
            for (int k = hex ? 2 : 1; k < name.Length; k++)
            {
                int d = HexDigit(name[k]);
                if (d < 0 || (!hex && d > 9)) return 0;
                value = value * (hex ? 16 : 10) + d;
                if (value > 0xFFFF) return 0;
            }
            if (value == 0 || char.IsSurrogate((char)value)) return 0;
            decoded = (char)value;
            return semi + 1;
        }
        decoded = name switch
        {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "hellip" => '\u2026',
            "laquo" => '"',
            "raquo" => '"',
            "mdash" or "ndash" => '-',
            _ => '\0',
        };
        return decoded == '\0' ? 0 : semi + 1;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
