using System.Text;
using Connect.V1;
using CsvHelper;

namespace Connect.Grpc.Domain;

/// <summary>One data row of an import file: its line in the file (the header is line 1) and its fields by column name.</summary>
internal sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Fields, int ExtraFields)
{
    public string this[string column] => Fields.TryGetValue(column, out var value) ? value : "";
}

/// <summary>
/// Reads an import file: at most 1 MiB and 1,000 data rows, strict UTF-8 (a byte-order mark allowed), a header line
/// whose separator (semicolon or comma) is that of the whole file, the required columns present, no unknown or
/// repeated column. Anything wrong with the file as a whole is INVALID_ARGUMENT; the rows' own problems are the
/// import's to find.
/// </summary>
internal static class ImportCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 1000;

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<CsvRow> Read(ReadOnlySpan<byte> file, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        // The size first: a file too large is never decoded or parsed.
        if (file.Length > MaxBytes)
            throw File(ErrorReason.ImportTooLarge, $"is larger than {MaxBytes / 1024} KiB");
        var text = Decode(file.StartsWith(ByteOrderMark) ? file[ByteOrderMark.Length..] : file);
        if (string.IsNullOrWhiteSpace(text)) throw File(ErrorReason.ImportInvalid, "is empty: it needs a header line and at least one row");

        var options = CsvReaderOptions.Default with
        {
            Separator = SeparatorOf(text),
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            DetectSeparatorHint = false,
        };
        try
        {
            using var reader = CsvReader.FromText(text, options);
            var columns = Columns(reader.Headers, required, optional);
            var rows = new List<CsvRow>();
            while (reader.Read())
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < Math.Min(reader.FieldCount, columns.Count); i++) fields[columns[i]] = reader.GetString(i) ?? "";
                var extra = Enumerable.Range(columns.Count, Math.Max(0, reader.FieldCount - columns.Count))
                    .Count(i => !string.IsNullOrWhiteSpace(reader.GetString(i)));
                // A spreadsheet's trailing ";;;;" lines are no rows.
                if (extra == 0 && fields.Values.All(string.IsNullOrWhiteSpace)) continue;
                // Stop counting at the first row too many: the rest of the file is never read.
                if (rows.Count == MaxRows) throw File(ErrorReason.ImportTooLarge, $"has more than {MaxRows} rows");
                rows.Add(new CsvRow(checked((int)reader.LineNumber), fields, extra));
            }
            if (rows.Count == 0) throw File(ErrorReason.ImportInvalid, "has no rows after its header line");
            return rows;
        }
        catch (CsvFormatException exception)
        {
            var where = exception.LineNumber > 0 ? $" on line {exception.LineNumber}" : "";
            throw File(ErrorReason.ImportInvalid, $"is not valid CSV{where}: a quote is not closed or stands inside a field");
        }
    }

    /// <summary>The text of strict UTF-8, or INVALID_ARGUMENT <c>IMPORT_ENCODING_INVALID</c> (a spreadsheet's Windows-1252 export, for one).</summary>
    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw File(ErrorReason.ImportEncodingInvalid, "is not UTF-8: save it as \"CSV UTF-8\"");
        }
    }

    /// <summary>The separator of the header line: a semicolon or a comma, whichever it holds more of.</summary>
    private static char SeparatorOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    /// <summary>The header's column names, trimmed and lower-cased, checked against the known columns.</summary>
    private static List<string> Columns(IReadOnlyList<string> header, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var column in columns)
        {
            if (column.Length == 0) throw File(ErrorReason.ImportInvalid, "has a column without a name in its header line");
            if (!required.Contains(column) && !optional.Contains(column))
                throw File(ErrorReason.ImportInvalid, $"has an unknown column '{Shown(column)}'; the columns are {string.Join(", ", required.Concat(optional))}");
            if (columns.Count(c => c == column) > 1) throw File(ErrorReason.ImportInvalid, $"has the column '{column}' twice");
        }
        if (required.FirstOrDefault(r => !columns.Contains(r)) is { } missing)
            throw File(ErrorReason.ImportInvalid, $"has no column '{missing}'; the required columns are {string.Join(", ", required)}");
        return columns;
    }

    private static string Shown(string column) => column.Length > 40 ? column[..40] : column;

    private static ConnectException File(ErrorReason reason, string description) => ConnectException.Field("csv", description, reason);
}
