/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-model-private.h — the entity descriptors shared by the model's write and read halves.
 *
 * Each entity is a struct whose stored fields are described by a table of (column, type, offset);
 * one generic insert, update, read and free serves all of them. Field 0 is always the id. */
#pragma once

#include "pdx/pdx-model.h"
#include "store/pdx-store.h"

G_BEGIN_DECLS

typedef enum
{
  FIELD_ID,       /* gint64, 0 = NULL */
  FIELD_TEXT,     /* char*, NULL = NULL */
  FIELD_DATE,     /* char* ISO date */
  FIELD_INT,      /* int, -1 = NULL */
  FIELD_REAL,     /* double, NAN = NULL */
  FIELD_BOOL,     /* gboolean, never NULL */
  FIELD_READOUT,  /* PdxReadout as text */
  FIELD_ENDPOINT, /* PdxEndpointKind as text */
} FieldType;

typedef struct
{
  const char *column;
  FieldType   type;
  gsize       offset;
  const char *label; /* for messages: "tag", "implant date" */
} Field;

typedef struct
{
  PdxTable     table;
  const char  *name;   /* SQL table */
  const char  *noun;   /* for messages: "mouse" */
  const Field *fields; /* fields[0] is the id */
  guint        n_fields;
  gsize        size;
  /* Statements, built once from the descriptors. */
  const char *insert_sql, *update_sql, *select_sql;
} Entity;

const Entity *pdx_entity_get (PdxTable table);

/* Reads the row at the current step of @stmt (columns in descriptor order) into a new struct. */
gpointer pdx_entity_read (const Entity *entity, PdxStmt *stmt);
/* Frees the owned fields and the struct (arms: their agents too). */
void pdx_entity_free (const Entity *entity, gpointer row);
/* A GPtrArray of the rows @sql returns, with @entity's free func; @sql selects the descriptor's
 * columns; parameters bound by @bind when not NULL. */
GPtrArray *pdx_entity_query (PdxDb        *db,
                             const Entity *entity,
                             const char   *sql,
                             void (*bind) (PdxStmt *stmt, gconstpointer data),
                             gconstpointer data,
                             GError      **error);

/* Inserts (setting the row's id) or updates (by id) one row from its descriptor, inside the
 * caller's transaction; no validation. */
gboolean pdx_entity_write (
    PdxDb *db, const Entity *e, gpointer row, gboolean insert, const char *name, GError **error);

/* Binds field @f of @row to parameter @index of @stmt (NULL for "not recorded"). */
void pdx_entity_bind_field (PdxStmt *stmt, int index, const Field *f, gconstpointer row);
/* The rules insert and update check first, for a whole row of a mouse, an endpoint or a
 * measurement (the correction writers validate the row as it would be stored). */
gboolean pdx_entity_validate (PdxTable table, gconstpointer row, GError **error);

G_END_DECLS
