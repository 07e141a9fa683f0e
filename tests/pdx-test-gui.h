/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdx-test-gui.h — the GUI tests' shared fixture (a window on a fresh demo lab) and helpers. */
#pragma once

#include <adwaita.h>

#include "pdx-test-util.h"
#include "pdx-window.h"

/* The operator every fixture's settings name (the audit log's "who"). */
#define PDX_TEST_GUI_OPERATOR "test-operator"

/* A presented 1280×720 window on its own demo lab (in the private XDG data folder). */
typedef struct
{
  char         *dir;
  GSettings    *settings;
  PdxWindow    *window;
  PdxLab       *lab;
  PdxStudyPage *page;
} PdxTestGui;

/* Before anything else in main(): private XDG folders, GSettings in memory, GTK and libadwaita. */
void pdx_test_gui_init (int *argc, char ***argv);
void pdx_test_gui_setup (PdxTestGui *f, gconstpointer data);
void pdx_test_gui_teardown (PdxTestGui *f, gconstpointer data);
#define PDX_TEST_GUI_ADD(path, fn)                                                                 \
  g_test_add ("/gui/" path, PdxTestGui, NULL, pdx_test_gui_setup, fn, pdx_test_gui_teardown)

/* PdxTestConditions: @data (a GtkWidget) is mapped / not visible. */
gboolean pdx_test_gui_widget_shown_cb (gpointer data);
gboolean pdx_test_gui_widget_hidden_cb (gpointer data);

/* The id of the demo lab's study @code (asserted to exist). */
gint64 pdx_test_gui_study_id (PdxTestGui *f, const char *code);

/* A PdxTestCondition: @sheet has bound the row widget of mouse @tag. */
typedef struct
{
  PdxMeasureSheet *sheet;
  const char      *tag;
} PdxTestGuiRowWait;
gboolean pdx_test_gui_row_bound_cb (gpointer data);
/* Shows study @code's bench sheet and waits for mouse @tag's row widget (borrowed). */
PdxSheetRowWidget *pdx_test_gui_open_sheet_row (PdxTestGui *f, const char *code, const char *tag);
void pdx_test_gui_type_cell (PdxSheetRowWidget *row, PdxSheetField field, const char *text);
/* Saves @sheet when its edits change saved values: pdx_measure_sheet_save () must ask why (the
 * reason dialog open, Save disabled), then reason @choice (0 Transcription error, 1 Re-measured,
 * 2 Instrument error) is clicked and Save answered. TRUE when the save then left no edit. */
gboolean pdx_test_gui_save_with_reason (PdxMeasureSheet *sheet, guint choice);
/* The stored measurement of mouse @tag of study @code on @date (owned), or NULL. */
PdxMeasurement *
pdx_test_gui_find_measurement (PdxTestGui *f, const char *code, const char *tag, const char *date);

/* A PdxTestCondition: the Mice page @data has read its list (in its thread) and filled it (in
 * idle steps), and the main loop has nothing pending. */
gboolean pdx_test_gui_mice_loaded_cb (gpointer data);

/* A PdxTestCondition: the History page @data is not loading. */
gboolean pdx_test_gui_history_loaded_cb (gpointer data);
/* Shows the History tab of the current study and waits for its thread. */
PdxHistoryPage *pdx_test_gui_open_history (PdxTestGui *f);
/* Filters the History (NULL: any) and waits for the reload. */
void
pdx_test_gui_filter_history (PdxHistoryPage *history, const char *tag, const char *operator_name);

/* What the lab told its views since pdx_test_gui_told_listen: the studies of ::study-changed
 * in order, and how many times a list changed (::studies-changed, ::lines-changed). */
typedef struct
{
  GArray *studies; /* gint64 */
  guint   n_lists;
} PdxTestGuiTold;
void pdx_test_gui_told_listen (PdxTestGuiTold *told, PdxLab *lab);
void pdx_test_gui_told_stop (PdxTestGuiTold *told, PdxLab *lab);
/* Once the main loop is idle: the lab told exactly study @study_id changed, once, and (unless
 * @n_lists) no list; then forgets what it recorded. */
void pdx_test_gui_assert_told (PdxTestGuiTold *told, gint64 study_id, guint n_lists);
