#include "core/web/form_errors.h"

#include "core/text/vietnamese.h"

namespace tinhso::web {

void put_field_errors(mstch::map& c, const View& v, const std::vector<FieldProblem>& problems, const FieldRefs& fields) {
  mstch::array list;
  mstch::map at;
  for (const auto& pr : problems) {
    std::string message = v.t(pr.message_id);
    std::string anchor;
    if (auto f = fields.find(pr.field); f != fields.end()) {
      anchor = f->second.anchor;
      const std::string& label = v.t(f->second.label_id);
      if (text::fold(message).find(text::fold(label)) == std::string::npos) message = label + ": " + message;
      if (!at.count(pr.field)) at[pr.field] = message;
    }
    list.push_back(mstch::map{{"anchor", anchor}, {"message", message}});
  }
  c["has_errors"] = !problems.empty();
  c["errors"] = std::move(list);
  c["error"] = std::move(at);
}

}  // namespace tinhso::web
