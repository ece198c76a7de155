#include "modules/open311/types.h"

#include <array>
#include <utility>

#include "core/util/strings.h"

namespace tinhso::open311 {

namespace {

template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<ServiceType, 3> kServiceTypes{{
    {ServiceType::realtime, "realtime"},
    {ServiceType::batch, "batch"},
    {ServiceType::blackbox, "blackbox"},
}};

constexpr Names<Datatype, 6> kDatatypes{{
    {Datatype::string, "string"},
    {Datatype::number, "number"},
    {Datatype::datetime, "datetime"},
    {Datatype::text, "text"},
    {Datatype::singlevaluelist, "singlevaluelist"},
    {Datatype::multivaluelist, "multivaluelist"},
}};

constexpr Names<Status, 2> kStatuses{{{Status::open, "open"}, {Status::closed, "closed"}}};

constexpr Names<EndpointType, 2> kEndpointTypes{{
    {EndpointType::production, "production"},
    {EndpointType::test, "test"},
}};

constexpr Names<UpdateStatus, 10> kUpdateStatuses{{
    {UpdateStatus::open, "open"},
    {UpdateStatus::closed, "closed"},
    {UpdateStatus::fixed, "fixed"},
    {UpdateStatus::in_progress, "in_progress"},
    {UpdateStatus::action_scheduled, "action_scheduled"},
    {UpdateStatus::investigating, "investigating"},
    {UpdateStatus::duplicate, "duplicate"},
    {UpdateStatus::not_councils_responsibility, "not_councils_responsibility"},
    {UpdateStatus::no_further_action, "no_further_action"},
    {UpdateStatus::internal_referral, "internal_referral"},
}};

template <class E, std::size_t N>
std::string_view name_in(const Names<E, N>& names, E e) {
  for (const auto& [value, name] : names)
    if (value == e) return name;
  return names[0].second;  // unreachable for a valid enumerator
}

template <class E, std::size_t N>
std::optional<E> parse_in(const Names<E, N>& names, std::string_view s, bool any_case) {
  for (const auto& [value, name] : names)
    if (any_case ? iequals(s, name) : s == name) return value;
  return std::nullopt;
}

}  // namespace

std::string_view service_type_name(ServiceType t) { return name_in(kServiceTypes, t); }
std::optional<ServiceType> parse_service_type(std::string_view s) { return parse_in(kServiceTypes, s, false); }

std::string_view datatype_name(Datatype d) { return name_in(kDatatypes, d); }
std::optional<Datatype> parse_datatype(std::string_view s) { return parse_in(kDatatypes, s, false); }
bool is_list(Datatype d) { return d == Datatype::singlevaluelist || d == Datatype::multivaluelist; }

std::string_view status_name(Status s) { return name_in(kStatuses, s); }
std::optional<Status> parse_status(std::string_view s) { return parse_in(kStatuses, s, false); }

std::string_view endpoint_type_name(EndpointType t) { return name_in(kEndpointTypes, t); }

std::string_view update_status_name(UpdateStatus s) { return name_in(kUpdateStatuses, s); }
std::optional<UpdateStatus> parse_update_status(std::string_view s) { return parse_in(kUpdateStatuses, s, true); }

int http_status(const std::vector<Error>& errors) { return errors.empty() ? 400 : errors.front().code; }

}  // namespace tinhso::open311
