#pragma once
// The HTTP side of petition attachments (attachments.h): the files of a request read and checked,
// stored in the caller's transaction (sealed for a denunciation), the parts of the petition pages
// that show them and the decision, and the downloads:
//   GET /petitions/{code}/files/{file}     the filer's own petition: their evidence, and the
//                                          decision or answer once the petition is decided
//   GET /petitions/desk/{id}/files/{file}  desk staff in scope; a denunciation's files only the
//                                          inspector assigned to it, each download audited (Law on
//                                          Denunciations 2018 Art. 8(3), 47(2)); other staff 403
// A download is an attachment of its real (sniffed) type, private and not cached; the server adds
// X-Content-Type-Options: nosniff to every response. The CSP allows same-origin images, so the
// pages show photos as thumbnails (<img>) from the same URLs.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <mstch/mstch.hpp>
#include <soci/soci.h>

#include "core/app/module.h"
#include "modules/petitions/attachments.h"
#include "modules/petitions/keys.h"
#include "modules/petitions/petition.h"

namespace tinhso::petitions {

// The options of the routes that take attachments (multipart, with the caps of attachments.h);
// urlencoded forms are still accepted.
inline constexpr http::RouteOptions kAttachmentRoute{.multipart = true, .uploads = kAttachmentUploadLimits};

// A form's problems: (the field's id for the error summary's link, the message).
using Problems = std::vector<std::pair<std::string, std::string>>;

// The files of `req` (every file input, read through ctx.files), checked for a petition already holding `existing_files`
// files of `existing_bytes`. Each problem, in the request's language, is appended to `problems`
// for the field "files"; then nothing is returned.
std::vector<Attachment> read_attachments(app::Context& ctx, const http::Request& req, std::size_t existing_files,
                                         std::uint64_t existing_bytes, Problems& problems);
// Stores `files` for petition `x` (stored, with its id) in `role`, in the caller's transaction:
// sealed under the identity key ring `keys` for a denunciation. `by`: the account adding them (0:
// none); a denunciation's evidence is never linked to the account that sent it.
void store_attachments(soci::session& s, const Keys& keys, const Petition& x, FileRole role,
                       const std::vector<Attachment>& files, std::int64_t by, const std::string& at);

// Seals every attachment of petition `petition_id` that is not sealed yet, in the caller's
// transaction: the petition was reclassified as a denunciation, whose files may identify the
// denouncer (Law on Denunciations 2018 Art. 8(3)). Throws std::runtime_error on content that
// does not decode (the transaction then rolls back).
void seal_attachments(soci::session& s, const crypto::KeyRing& keys, std::int64_t petition_id);

enum class Viewer { filer, desk };
// Sets c["attachments"], the attachments part of a petition page (template partial
// petition_files), as `viewer` sees it: "files" (name, url, type, size, role) and "images" (url,
// alt: thumbnails of the photos not sealed), or, for a denunciation seen by anyone but the
// inspector assigned to it, only "secret" (the text saying how many files are kept secret).
// Nothing is set when the petition has no file the viewer may see. Opening a sealed file's name
// for the assigned inspector is part of the identity view the desk page audits.
void add_attachments(mstch::map& c, app::Context& ctx, const http::Request& req, soci::session& s, const Petition& x,
                     Viewer viewer);
// Sets c["result"], the result part of the filer's page (template partial petition_result), once
// `x` is decided: the decision's document reference or answer text (the note of the last
// `decide`), its day, and the decision documents. Nothing before.
void add_result(mstch::map& c, const http::Request& req, soci::session& s, const Petition& x);

void add_attachment_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::petitions
