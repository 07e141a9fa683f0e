/* pdx-csv.c — RFC 4180 CSV reading with line and column for every field, and writing.
 *
 * The reader maps the whole file, checks once that it is UTF-8 text without NUL bytes, then
 * parses records in place. A quote inside an unquoted field is kept as a literal character (real
 * sheets carry stray quotes); text after the closing quote of a quoted field is an error. CRLF
 * and LF line ends are both accepted. */
#include "pdx/pdx-csv.h"
#include "pdx/pdx-error.h"

#include <math.h>
#include <string.h>

struct _PdxCsvReader
{
  char *name;
  GMappedFile *mapped;   /* NULL when reading from memory */
  const char *data;
  gsize len;
  gsize pos;
  guint line;            /* physical line of pos, 1-based */
  gsize line_start;      /* byte offset of that line */
  guint record_line;     /* line on which the last record started */
  GString *buffer;       /* field texts, NUL-separated */
  /* Per field of the current record (n_fields of them, room for capacity): where its text
   * starts in buffer, the byte offset and line of its first byte in data; and the field
   * pointers handed out. Plain arrays: a million-row import reads millions of fields. */
  guint n_fields, capacity;
  guint *starts;
  gsize *columns;
  guint *column_lines;
  char **fields;
  gboolean checked;
};

static PdxCsvReader *
reader_new (const char *name, const char *data, gsize len)
{
  PdxCsvReader *reader = g_new0 (PdxCsvReader, 1);

  reader->name = g_strdup (name);
  reader->data = data;
  reader->len = len;
  reader->line = 1;
  reader->buffer = g_string_sized_new (256);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader->pos = reader->line_start = 3;
  return reader;
}

PdxCsvReader *
pdx_csv_reader_open (const char *path, GError **error)
{
  GError *local = NULL;
  GMappedFile *mapped = g_mapped_file_new (path, FALSE, &local);
  PdxCsvReader *reader;

  if (mapped == NULL)
    {
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_IO, "%s: cannot read: %s", path,
                   local->message);
      g_error_free (local);
      return NULL;
    }
  reader = reader_new (path, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  reader->mapped = mapped;
  return reader;
}

PdxCsvReader *
pdx_csv_reader_new_for_data (const char *name, const char *text, gsize len)
{
  return reader_new (name, text, len);
}

void
pdx_csv_reader_free (PdxCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_pointer (&reader->mapped, g_mapped_file_unref);
  g_string_free (reader->buffer, TRUE);
  g_free (reader->starts);
  g_free (reader->columns);
  g_free (reader->column_lines);
  g_free (reader->fields);
  g_free (reader->name);
  g_free (reader);
}

guint
pdx_csv_reader_get_field_line (PdxCsvReader *reader, guint index)
{
  if (index >= reader->n_fields)
    return reader->record_line;
  return reader->column_lines[index];
}

guint64
pdx_csv_reader_get_position (PdxCsvReader *reader, guint64 *total)
{
  if (total)
    *total = reader->len;
  return reader->pos;
}

const char *
pdx_csv_reader_get_name (PdxCsvReader *reader)
{
  return reader->name;
}

guint
pdx_csv_reader_get_line (PdxCsvReader *reader)
{
  return reader->record_line;
}

/* 1-based character column of byte @offset on the line starting at the line containing it. */
static guint
column_of (PdxCsvReader *reader, gsize offset)
{
  gsize start = offset;
  while (start > 0 && reader->data[start - 1] != '\n')
    start--;
  /* A byte-order mark is not a character of the text. */
  if (start == 0 && reader->len >= 3 && memcmp (reader->data, "\xEF\xBB\xBF", 3) == 0)
    start = MIN (3, offset);
  if (!g_utf8_validate (reader->data + start, (gssize) (offset - start), NULL))
    return (guint) (offset - start) + 1;
  return (guint) g_utf8_strlen (reader->data + start, (gssize) (offset - start)) + 1;
}

guint
pdx_csv_reader_get_column (PdxCsvReader *reader, guint index)
{
  if (index >= reader->n_fields)
    return 1;
  return column_of (reader, reader->columns[index]);
}

static guint
line_of (PdxCsvReader *reader, gsize offset)
{
  guint line = 1;
  for (gsize i = 0; i < offset; i++)
    line += reader->data[i] == '\n';
  return line;
}

/* Checks the whole input once: UTF-8 text, no NUL byte, not empty. */
static gboolean
check_text (PdxCsvReader *reader, GError **error)
{
  const char *end = NULL;
  gsize blank_end = reader->pos;

  reader->checked = TRUE;
  while (blank_end < reader->len && strchr (" \t\r\n", reader->data[blank_end])
         && reader->data[blank_end] != '\0')
    blank_end++;
  if (blank_end == reader->len)
    {
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   "%s:1:1: the file is empty; expected a CSV header line", reader->name);
      return FALSE;
    }
  if (!g_utf8_validate (reader->data, (gssize) reader->len, &end))
    {
      gsize at = (gsize) (end - reader->data);
      gboolean nul = reader->data[at] == '\0';
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   "%s:%u:%u: %s; expected UTF-8 CSV text", reader->name, line_of (reader, at),
                   column_of (reader, at),
                   nul ? "a NUL byte (is this a binary file?)" : "bytes that are not UTF-8");
      return FALSE;
    }
  return TRUE;
}

static void
advance_line (PdxCsvReader *reader, gsize newline_at)
{
  reader->line++;
  reader->line_start = newline_at + 1;
}

static void
field_begin (PdxCsvReader *reader)
{
  guint i = reader->n_fields++;

  if (i == reader->capacity)
    {
      reader->capacity = MAX (16, 2 * reader->capacity);
      reader->starts = g_renew (guint, reader->starts, reader->capacity);
      reader->columns = g_renew (gsize, reader->columns, reader->capacity);
      reader->column_lines = g_renew (guint, reader->column_lines, reader->capacity);
      reader->fields = g_renew (char *, reader->fields, reader->capacity);
    }
  reader->starts[i] = (guint) reader->buffer->len;
  reader->columns[i] = reader->pos;
  reader->column_lines[i] = reader->line;
}

/* Parses one quoted field; pos is at the opening quote. */
static gboolean
parse_quoted (PdxCsvReader *reader, GError **error)
{
  gsize open_at = reader->pos;
  guint open_line = reader->line;

  reader->pos++;
  for (;;)
    {
      const char *p = reader->data + reader->pos;
      gsize left = reader->len - reader->pos;
      const char *q = memchr (p, '"', left);
      gsize chunk = q ? (gsize) (q - p) : left;

      for (gsize i = 0; i < chunk; i++)
        if (p[i] == '\n')
          advance_line (reader, reader->pos + i);
      g_string_append_len (reader->buffer, p, (gssize) chunk);
      reader->pos += chunk;
      if (q == NULL)
        {
          g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                       "%s:%u:%u: a quoted field is never closed; expected a closing '\"'",
                       reader->name, open_line, column_of (reader, open_at));
          return FALSE;
        }
      reader->pos++; /* past the quote */
      if (reader->pos < reader->len && reader->data[reader->pos] == '"')
        {
          g_string_append_c (reader->buffer, '"');
          reader->pos++;
          continue;
        }
      if (reader->pos >= reader->len || reader->data[reader->pos] == ','
          || reader->data[reader->pos] == '\r' || reader->data[reader->pos] == '\n')
        return TRUE;
      /* Text after a closing quote: RFC 4180 allows none. Refused rather than guessed at, since
       * a guess can merge lines into one field. */
      g_set_error (error, PDX_IMPORT_ERROR, PDX_IMPORT_ERROR_FORMAT,
                   "%s:%u:%u: '%c' after the closing quote of a field; expected ',' or the end "
                   "of the line (a quote inside a quoted field is written \"\")",
                   reader->name, reader->line, column_of (reader, reader->pos),
                   reader->data[reader->pos]);
      return FALSE;
    }
}

static void
parse_plain (PdxCsvReader *reader)
{
  const char *p = reader->data + reader->pos;
  gsize left = reader->len - reader->pos, n = 0;

  /* The mapped file is not NUL-terminated: scan within bounds. */
  while (n < left && p[n] != ',' && p[n] != '\r' && p[n] != '\n')
    n++;
  g_string_append_len (reader->buffer, p, (gssize) n);
  reader->pos += n;
}

gboolean
pdx_csv_reader_next (PdxCsvReader *reader, char ***fields, guint *n_fields, GError **error)
{
  if (!reader->checked && !check_text (reader, error))
    return FALSE;

  /* Skip blank lines. */
  while (reader->pos < reader->len
         && (reader->data[reader->pos] == '\n' || reader->data[reader->pos] == '\r'))
    {
      if (reader->data[reader->pos] == '\n')
        advance_line (reader, reader->pos);
      reader->pos++;
    }
  if (reader->pos >= reader->len)
    return FALSE;

  g_string_truncate (reader->buffer, 0);
  reader->n_fields = 0;
  reader->record_line = reader->line;

  for (;;)
    {
      field_begin (reader);
      if (reader->pos < reader->len && reader->data[reader->pos] == '"')
        {
          if (!parse_quoted (reader, error))
            return FALSE;
        }
      else
        parse_plain (reader);
      g_string_append_c (reader->buffer, '\0');
      if (reader->pos < reader->len && reader->data[reader->pos] == ',')
        {
          reader->pos++;
          continue;
        }
      break;
    }
  /* End of record: CR? LF or end of input. */
  if (reader->pos < reader->len && reader->data[reader->pos] == '\r')
    reader->pos++;
  if (reader->pos < reader->len && reader->data[reader->pos] == '\n')
    {
      advance_line (reader, reader->pos);
      reader->pos++;
    }

  /* The buffer has stopped growing: its fields can be pointed at now. */
  for (guint i = 0; i < reader->n_fields; i++)
    reader->fields[i] = reader->buffer->str + reader->starts[i];
  *fields = reader->fields;
  *n_fields = reader->n_fields;
  return TRUE;
}

void
pdx_csv_write_field (GString *out, const char *field)
{
  gsize n;

  if (field == NULL)
    return;
  n = strlen (field);
  if (strpbrk (field, ",\"\r\n") == NULL
      && (n == 0 || (!g_ascii_isspace (field[0]) && !g_ascii_isspace (field[n - 1]))))
    {
      g_string_append_len (out, field, (gssize) n);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
pdx_csv_write_record (GString *out, const char *const *fields, guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      pdx_csv_write_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}

char *
pdx_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    return g_strdup ("");
  if (value == 0)
    return g_strdup ("0");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.12g", value));
}
