#include "modules/petitions/petition.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/util/codes.h"

namespace tinhso::petitions {

namespace {

constexpr std::array<std::pair<Channel, std::string_view>, 4> kChannels{
    {{Channel::online, "online"}, {Channel::letter, "letter"}, {Channel::in_person, "in_person"}, {Channel::open311, "open311"}}};

std::string ad_of(std::int64_t petition_id) { return "petition:" + std::to_string(petition_id) + ":identity"; }

std::string to_base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

}  // namespace

std::string_view channel_code(Channel c) { return util::code_of(kChannels, c); }
std::optional<Channel> parse_channel(std::string_view code) { return util::parse_code(kChannels, code); }

namespace {

std::string seal_with(const crypto::KeyRing& keys, const std::string& ad, const Identity& who) {
  std::string plain =
      nlohmann::json{{"name", who.name}, {"address", who.address}, {"contact", who.contact}, {"id_number", who.id_number}}
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string blob = keys.seal(plain, ad);
  sodium_memzero(plain.data(), plain.size());
  return to_base64(blob);
}

std::optional<Identity> open_with(const crypto::KeyRing& keys, const std::string& ad, const std::string& sealed) {
  auto blob = from_base64(sealed);
  if (!blob) return std::nullopt;
  auto opened = keys.open(*blob, ad);
  if (!opened.plaintext) return std::nullopt;
  auto j = nlohmann::json::parse(opened.plaintext->view(), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Identity who;
  who.name = j.value("name", "");
  who.address = j.value("address", "");
  who.contact = j.value("contact", "");
  who.id_number = j.value("id_number", "");
  return who;
}

std::string representative_ad(std::int64_t petition_id, int position) {
  return "petition:" + std::to_string(petition_id) + ":representative:" + std::to_string(position);
}

}  // namespace

std::string seal_identity(const crypto::KeyRing& keys, std::int64_t petition_id, const Identity& who) {
  return seal_with(keys, ad_of(petition_id), who);
}

std::optional<Identity> open_identity(const crypto::KeyRing& keys, std::int64_t petition_id, const std::string& sealed) {
  return open_with(keys, ad_of(petition_id), sealed);
}

std::string seal_representative(const crypto::KeyRing& keys, std::int64_t petition_id, int position, const Identity& who) {
  return seal_with(keys, representative_ad(petition_id, position), who);
}

std::optional<Identity> open_representative(const crypto::KeyRing& keys, std::int64_t petition_id, int position,
                                            const std::string& sealed) {
  return open_with(keys, representative_ad(petition_id, position), sealed);
}

}  // namespace tinhso::petitions
