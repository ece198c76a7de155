# tinhso_module(<name> [DEPENDS <module>...] [LIBS <library>...]
#               [EMBED <symbol> <base dir> <file>...])
# One domain module = one folder src/modules/<name>/ with this call in its CMakeLists.txt: a static
# library `tinhso_module_<name>` of every .cpp in the folder, linked to core and to the modules it
# DEPENDS on — the only modules whose api.h it may include (tests/arch/check enforces it). Its
# migrations/*.sql join the schema the binary embeds (src/CMakeLists.txt); EMBED compiles data
# files into the module as `const std::vector<tinhso::EmbeddedFile>& <symbol>()` (paths relative
# to <base dir>, both relative to the project's root).
function(tinhso_module name)
  cmake_parse_arguments(M "" "" "DEPENDS;LIBS;EMBED" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(M_EMBED)
    list(POP_FRONT M_EMBED symbol base)
    list(TRANSFORM M_EMBED PREPEND ${PROJECT_SOURCE_DIR}/)
    tinhso_embed(OUT ${CMAKE_CURRENT_BINARY_DIR}/${symbol}.cpp NAME ${symbol}
                 BASE ${PROJECT_SOURCE_DIR}/${base} FILES ${M_EMBED})
    list(APPEND sources ${CMAKE_CURRENT_BINARY_DIR}/${symbol}.cpp)
  endif()
  set(target tinhso_module_${name})
  add_library(${target} STATIC ${sources})
  list(TRANSFORM M_DEPENDS PREPEND tinhso_module_)
  target_link_libraries(${target} PUBLIC tinhso_core ${M_DEPENDS} ${M_LIBS})
  set_property(GLOBAL APPEND PROPERTY TINHSO_MODULE_TARGETS ${target})
  file(GLOB migrations CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/migrations/*.sql)
  set_property(GLOBAL APPEND PROPERTY TINHSO_MIGRATIONS ${migrations})
endfunction()
