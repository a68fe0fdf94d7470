namespace MentionWatch.Classification.Model;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), slicing by 4; System.IO.Hashing is not available here.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        var t = Table;
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            crc ^= (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            crc = t[768 + (crc & 0xFF)] ^ t[512 + ((crc >> 8) & 0xFF)] ^ t[256 + ((crc >> 16) & 0xFF)] ^ t[crc >> 24];
        }
        for (; i < data.Length; i++) crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[1024];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        for (int n = 0; n < 256; n++)
            for (int s = 1; s < 4; s++)
                t[s * 256 + n] = (t[(s - 1) * 256 + n] >> 8) ^ t[t[(s - 1) * 256 + n] & 0xFF];
        return t;
    }
}
