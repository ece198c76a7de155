# tinhso_embed(OUT <file.cpp> NAME <symbol> FILES <abs paths...> BASE <dir>)
# Generates a .cpp defining `const std::vector<tinhso::EmbeddedFile>& <symbol>()` holding the
# files' bytes, keyed by their path relative to BASE. Used for SQL migrations so the binary
# always knows exactly which schema it expects.
function(tinhso_embed)
  cmake_parse_arguments(E "" "OUT;NAME;BASE" "FILES" ${ARGN})
  string(REPLACE ";" "|" files_arg "${E_FILES}")  # a list cannot cross the shell intact
  add_custom_command(
    OUTPUT ${E_OUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${E_OUT} -DNAME=${E_NAME} -DBASE=${E_BASE}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${E_NAME}"
    VERBATIM)
endfunction()
