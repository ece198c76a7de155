// The catalogue's SQL (src/modules/procedures/store.h) on a migrated SQLite database: a procedure
// loads in three statements and a page of a search in two whatever its size; the search ignores
// accents and case and needs every word; lists come in Vietnamese order; a referenced procedure
// cannot be deleted.
#include <gtest/gtest.h>

#include "modules/procedures/api.h"
#include "modules/procedures/store.h"
#include "temp_db.h"

namespace tinhso::procedures {
namespace {

// Counts the statements a session prepares.
class Counter final : public soci::logger_impl {
 public:
  explicit Counter(int* n) : n_(n) {}
  void start_query(const std::string&) override { ++*n_; }

 private:
  logger_impl* do_clone() const override { return new Counter(n_); }
  int* n_;
};

// Runs fn(s) and returns how many statements it prepared.
template <class F>
int statements(soci::session& s, F&& fn) {
  int n = 0;
  soci::logger before = s.get_logger();
  s.set_logger(new Counter(&n));
  fn(s);
  s.set_logger(before);
  return n;
}

class ProceduresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db.exec(
        "INSERT INTO admin_units (id, code, name, level, valid_from) VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
        "INSERT INTO agencies (id, code, name, kind, admin_unit_id) VALUES (1, 'TTHCC', 'Trung tâm', 'one_stop_centre', 1);"
        "INSERT INTO agencies (id, code, name, kind, admin_unit_id) VALUES (2, 'SO-TTTT', 'Sở Thông tin', 'department', 1);");
    const char* names[] = {"Đăng ký khai sinh", "Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch", "Đổi giấy phép lái xe",
                           "Đăng ký thành lập hộ kinh doanh", "Ăn uống an toàn", "An toàn thực phẩm", "Bảo trợ xã hội"};
    db.db().with_session([&](soci::session& s) {
      int i = 0;
      for (const char* name : names) {
        Procedure p;
        p.code = "P-" + std::to_string(++i);
        p.name = name;
        p.field = i <= 3 ? "Hộ tịch" : "Khác";
        p.level = i <= 3 ? Level::commune : Level::province;
        p.agency_id = i % 2 ? 1 : 2;
        p.desk_agency_id = 1;
        p.time_limit_working_days = i;
        p.documents = {{0, 1, "Đơn", true, ""}, {0, 2, "Bản sao", false, "/mau.pdf"}};
        p.steps = {{0, 1, "Tiếp nhận", 40}, {0, 2, "Giải quyết", 60}};
        p.active = i != 8;
        insert_procedure(s, p, "2026-01-01T00:00:00Z", "test");
      }
    });
  }

  testing::TempDb db;
};

std::vector<std::string> names(const Found& f) {
  std::vector<std::string> out;
  for (const auto& l : f.items) out.push_back(l.name);
  return out;
}

TEST_F(ProceduresStore, LoadsInThreeStatements) {
  db.db().with_session([](soci::session& s) {
    std::optional<Detail> d;
    EXPECT_EQ(statements(s, [&](soci::session& x) { d = load_by_code(x, "P-1"); }), 3);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->record.procedure.name, "Đăng ký khai sinh");
    EXPECT_EQ(d->record.agency_code, "TTHCC");
    EXPECT_EQ(d->desk_agency_name, "Trung tâm");
    ASSERT_EQ(d->record.procedure.documents.size(), 2u);
    EXPECT_FALSE(d->record.procedure.documents[1].mandatory);
    EXPECT_EQ(d->record.procedure.documents[1].template_url, "/mau.pdf");
    ASSERT_EQ(d->record.procedure.steps.size(), 2u);
    EXPECT_EQ(d->record.procedure.steps[1].share_percent, 60);
    auto by_id = find_procedure(s, d->record.procedure.id);
    ASSERT_TRUE(by_id);
    EXPECT_TRUE(same_content(*by_id, d->record.procedure));
    EXPECT_FALSE(find_procedure_by_code(s, "P-404"));
    std::vector<Detail> all;
    EXPECT_EQ(statements(s, [&](soci::session& x) { all = load_all(x); }), 3);
    EXPECT_EQ(all.size(), 8u);
    for (const auto& a : all) EXPECT_EQ(a.record.procedure.documents.size(), 2u);
  });
}

TEST_F(ProceduresStore, SearchIsTwoStatementsAtAnyPageSize) {
  db.db().with_session([](soci::session& s) {
    for (int per_page : {1, 3, 100}) {
      Found f;
      EXPECT_EQ(statements(s, [&](soci::session& x) { f = search(x, {"dang ky", "", {}, "", false, 1, per_page}); }), 2);
      EXPECT_EQ(f.total, 3);
      EXPECT_EQ(f.items.size(), static_cast<std::size_t>(std::min(per_page, 3)));
    }
    EXPECT_EQ(statements(s, [](soci::session& x) { facets(x, false); }), 1);
  });
}

TEST_F(ProceduresStore, SearchFoldsAccentsNeedsEveryWordAndFilters) {
  db.db().with_session([](soci::session& s) {
    struct { Search q; std::vector<std::string> want; } cases[] = {
        {{"dang ky kinh doanh"}, {"Đăng ký thành lập hộ kinh doanh"}},
        {{"ĐĂNG KÝ KHAI SINH"}, {"Đăng ký khai sinh"}},
        {{"khai   sinh"}, {"Đăng ký khai sinh"}},
        {{"ho tich"}, {"Cấp bản sao trích lục hộ tịch", "Đăng ký kết hôn", "Đăng ký khai sinh"}},  // the field
        {{"p-4"}, {"Đổi giấy phép lái xe"}},  // the code
        {{"dang ky", "Hộ tịch"}, {"Đăng ký kết hôn", "Đăng ký khai sinh"}},
        {{"", "", Level::province, "SO-TTTT"}, {"Ăn uống an toàn", "Đổi giấy phép lái xe"}},
        {{"100%"}, {}},
        {{"_"}, {}},
        {{"bao tro"}, {}},                                 // inactive
        {{"bao tro", "", {}, "", true}, {"Bảo trợ xã hội"}},  // ... listed for administrators
        {{"an toan"}, {"An toàn thực phẩm", "Ăn uống an toàn"}},  // a < ă (Vietnamese order)
    };
    for (const auto& c : cases) {
      Search q = c.q;
      q.per_page = 20;
      EXPECT_EQ(names(search(s, q)), c.want) << c.q.q;
    }
    Found page2 = search(s, {"", "", {}, "", false, 2, 3});
    EXPECT_EQ(page2.total, 7);
    EXPECT_EQ(names(page2), (std::vector<std::string>{"Đăng ký kết hôn", "Đăng ký khai sinh", "Đăng ký thành lập hộ kinh doanh"}));
  });
}

TEST_F(ProceduresStore, UpdateReplacesItemsAndDeleteRefusesAReferencedProcedure) {
  db.exec("CREATE TABLE test_refs (procedure_id BIGINT NOT NULL REFERENCES procedures (id))");
  db.db().with_session([](soci::session& s) {
    Detail d = *load_by_code(s, "P-1");
    d.record.procedure.name = "Đăng ký khai sinh (sửa)";
    d.record.procedure.documents.pop_back();
    d.record.procedure.steps = {{0, 1, "Một bước", 100}};
    update_procedure(s, d.record.procedure, "2026-01-02T00:00:00Z", "test");
    Detail after = *load_by_code(s, "P-1");
    EXPECT_EQ(after.record.procedure.documents.size(), 1u);
    EXPECT_EQ(after.record.procedure.steps.size(), 1u);
    EXPECT_EQ(names(search(s, {"sua"})), std::vector<std::string>{"Đăng ký khai sinh (sửa)"});

    long long id = d.record.procedure.id;
    s << "INSERT INTO test_refs (procedure_id) VALUES (:id)", soci::use(id);
    try {
      delete_procedure(s, id);
      ADD_FAILURE() << "a referenced procedure was deleted";
    } catch (const soci::soci_error& e) {
      EXPECT_TRUE(is_reference_violation(e)) << e.what();
    }
    try {
      s << "INSERT INTO test_refs (procedure_id) VALUES (NULL)";
      ADD_FAILURE() << "NOT NULL was not enforced";
    } catch (const soci::soci_error& e) {
      EXPECT_FALSE(is_reference_violation(e)) << "another error is not taken for a reference: " << e.what();
    }
    Detail other = *load_by_code(s, "P-2");
    delete_procedure(s, other.record.procedure.id);
    EXPECT_FALSE(load_by_code(s, "P-2"));
  });
}

}  // namespace
}  // namespace tinhso::procedures
