/* pdx-mice-dialogs.h — the small forms of the Mice page: add in bulk, randomise, endpoint,
 * exclude, edit. Each writes through pdx-core, announces the change on the lab and reports with
 * a win.toast activated on @origin. */
#pragma once

#include <adwaita.h>

#include "pdx-lab.h"

G_BEGIN_DECLS

/* Form widgets (g_object_get_data on the dialog): "count" (GtkSpinButton), "prefix", "cage",
 * "sex", "implant-date" (GtkEditable). Response "add". */
AdwMessageDialog *pdx_mice_dialog_add (GtkWidget *origin, GtkWindow *parent, PdxLab *lab,
                                       gint64 study_id);
/* Shows the balance report of a planned randomisation; response "randomise" writes it. */
AdwMessageDialog *pdx_mice_dialog_randomise (GtkWidget *origin, GtkWindow *parent, PdxLab *lab,
                                             gint64 study_id);
/* "date", "note" (GtkEditable), "kind" (GtkDropDown of PdxEndpointKind), "event"
 * (GtkCheckButton). Response "record". */
AdwMessageDialog *pdx_mice_dialog_endpoint (GtkWidget *origin, GtkWindow *parent, PdxLab *lab,
                                            gint64 mouse_id);
/* "reason" (GtkEditable). Response "exclude". */
AdwMessageDialog *pdx_mice_dialog_exclude (GtkWidget *origin, GtkWindow *parent, PdxLab *lab,
                                           gint64 mouse_id);
/* "reason" (GtkEditable, required). Response "delete". Only a mouse with no measurement and
 * no endpoint is deleted (registered by mistake); any other is refused with a toast that says
 * to exclude it instead. The audit log keeps the deleted row and the reason. */
AdwMessageDialog *pdx_mice_dialog_delete (GtkWidget *origin, GtkWindow *parent, PdxLab *lab,
                                          gint64 mouse_id);
/* "tag", "cage", "sex", "strain", "birth-date", "implant-date", "reason" (GtkEditable), "arm"
 * (AdwComboRow: "not randomised", then the study's arms in pdx_arm_list order). Response "save".
 * A change of arm needs a reason (Save is disabled until one is typed), which goes into the
 * audit log; when the mouse has measurements after day 0, a second dialog "Move Mouse TAG?"
 * (responses "cancel", "move") asks first. */
AdwMessageDialog *pdx_mice_dialog_edit (GtkWidget *origin, GtkWindow *parent, PdxLab *lab,
                                        gint64 mouse_id);

G_END_DECLS
