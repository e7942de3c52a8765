#
# larch_gen_bitfield(TARGET <t> INPUT <file.bf> OUTPUT <out.h> [INCLUDES <dirs>]
#                    [ARGS <generator args>])
# Preprocess a bitfield description with the C compiler (so it sees the CONFIG_
# macros) and generate its C accessors with tools/bitfield_gen.py.
#
include_guard(GLOBAL)

set(LARCH_BITFIELD_GEN ${CMAKE_CURRENT_LIST_DIR}/bitfield_gen.py CACHE INTERNAL "")
set(LARCH_SHARED_BF ${CMAKE_CURRENT_LIST_DIR}/../libsel4/bf/shared_types.bf CACHE INTERNAL "")

function(larch_gen_bitfield)
    cmake_parse_arguments(BF "" "TARGET;INPUT;OUTPUT" "INCLUDES;ARGS" ${ARGN})
    get_filename_component(name ${BF_OUTPUT} NAME_WE)
    get_filename_component(dir ${BF_OUTPUT} DIRECTORY)
    set(pbf ${CMAKE_CURRENT_BINARY_DIR}/${name}.pbf)
    add_custom_command(OUTPUT ${BF_OUTPUT}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
        COMMAND ${CMAKE_C_COMPILER} -E -P -x c
                "-I$<JOIN:${BF_INCLUDES},;-I>" -include kernel/gen_config.h
                ${BF_INPUT} -o ${pbf}
        COMMAND ${PYTHON3} ${LARCH_BITFIELD_GEN} ${BF_ARGS} ${pbf} ${BF_OUTPUT}
        DEPENDS ${BF_INPUT} ${LARCH_BITFIELD_GEN} ${LARCH_SHARED_BF}
        COMMAND_EXPAND_LISTS
        COMMENT "Generating ${name}.h from ${BF_INPUT}"
        VERBATIM)
    add_custom_target(${BF_TARGET} DEPENDS ${BF_OUTPUT})
endfunction()
