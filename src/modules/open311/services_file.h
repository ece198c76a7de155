#pragma once
// The city-report services as a JSON file (data/open311/demo-services.json shows the shape):
// {"services": [{"code", "agency" (an agency code), "type", "name_vi", "name_en",
// "description_vi/en", "group_vi/en", "keywords", "active", "attributes": [{"code", "datatype",
// "required", "variable", "description_vi/en", "datatype_description_vi/en",
// "values": [[key, name_vi, name_en], ...]}]}]}. Loaded by `tinhso demo` and by
// `tinhso open311 services import FILE` — all or nothing, upsert by code.
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "modules/audit/api.h"
#include "modules/open311/store.h"

namespace tinhso::open311 {

struct ServiceEntry {
  ServiceRecord service;  // agency_id unset
  std::string agency_code;
  std::vector<AttributeRecord> attributes;
};

// The entries of `json`, or throws std::invalid_argument naming the first problem ("services[2]
// .attributes[0].datatype: unknown datatype"). Checks: codes non-empty, ≤ 64 bytes, no '[' or
// ']' in attribute codes, unique; names present; known type and datatype; list datatypes have
// values, others none.
std::vector<ServiceEntry> parse_services_file(std::string_view json);

// Saves every entry in the caller's transaction (save_service, upsert by code), each with its
// agency looked up by code (std::invalid_argument when unknown), each audited through `rec`
// ("open311.service.save") and then passed to `saved` (progress; may be empty). Returns the
// number saved.
int import_services(soci::session& s, const std::vector<ServiceEntry>& entries, const std::string& now,
                    const audit::Recorder& rec, const std::function<void(const std::string& code)>& saved = {});

}  // namespace tinhso::open311
