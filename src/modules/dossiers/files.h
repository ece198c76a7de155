#pragma once
// Checks on the files applicants and officers upload: the shared content checks of
// core/document/files.h (type by content, display names, digests, base64, Content-Disposition)
// under the dossiers' names, and the dossiers' caps. Issue 5 §2: PDF, JPEG and PNG only.
#include <cstdint>

#include "core/document/files.h"

namespace tinhso::dossiers {

using document::attachment_disposition;
using document::content_type_of;
using document::display_name;
using document::FileType;
using document::from_base64;
using document::parse_content_type;
using document::sha256_hex;
using document::sniff_type;
using document::to_base64;

inline constexpr std::uint64_t kMaxFileBytes = 10u << 20;     // one document
inline constexpr std::uint64_t kMaxDossierBytes = 50u << 20;  // every file of one dossier
inline constexpr std::size_t kMaxFilesPerDossier = 40;

}  // namespace tinhso::dossiers
