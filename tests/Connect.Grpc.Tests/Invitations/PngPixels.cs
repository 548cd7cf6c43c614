using System.Buffers.Binary;
using System.IO.Compression;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>
/// A small PNG reader for the images PdfPig extracts (8 bits per sample, not interlaced): enough to give ZXing the
/// luminance of every pixel without a graphics library.
/// </summary>
public static class PngPixels
{
    public static (int Width, int Height, byte[] Luminance) Gray(byte[] png)
    {
        int width = 0, height = 0, colorType = 0;
        byte[] palette = [];
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    if (data[8] != 8 || data[12] != 0) throw new NotSupportedException($"PNG with bit depth {data[8]}, interlace {data[12]}.");
                    colorType = data[9];
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }
            at += 12 + length;
        }
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {colorType}.") };
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();

        var stride = width * channels;
        var previous = new byte[stride];
        var luminance = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            Unfilter(raw[y * (stride + 1)], row, previous, channels);
            for (var x = 0; x < width; x++)
            {
                var p = x * channels;
                var (r, g, b) = colorType switch
                {
                    0 or 4 => (row[p], row[p], row[p]),
                    3 => (palette[row[p] * 3], palette[row[p] * 3 + 1], palette[row[p] * 3 + 2]),
                    _ => (row[p], row[p + 1], row[p + 2]),
                };
                luminance[y * width + x] = (byte)((r * 299 + g * 587 + b * 114) / 1000);
            }
            previous = row;
        }
        return (width, height, luminance);
    }

    private static void Unfilter(byte filter, byte[] row, byte[] previous, int bpp)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
            row[i] = (byte)(row[i] + filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new NotSupportedException($"PNG filter {filter}."),
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
