# CPack post-build script (DEB): completes the debug-symbols package CPack 3.25 makes. Its md5sums
# name the files by their absolute staging path, and it has no copyright or changelog; rebuilt
# with relative md5sums and usr/share/doc/hookbench-dbgsym -> hookbench, as Debian's own
# automatic -dbgsym packages have (it already depends on hookbench of the same version).
if(NOT CPACK_GENERATOR STREQUAL "DEB")
    return()
endif()
# CPACK_PACKAGE_FILES: the packages made, still in CPack's staging folder.
set(ddebs ${CPACK_PACKAGE_FILES})
list(FILTER ddebs INCLUDE REGEX "-dbgsym_.*\\.ddeb$")
foreach(ddeb ${ddebs})
    set(root "${CPACK_TOPLEVEL_DIRECTORY}/fix-dbgsym")
    file(REMOVE_RECURSE "${root}")
    execute_process(COMMAND dpkg-deb -R "${ddeb}" "${root}" COMMAND_ERROR_IS_FATAL ANY)
    file(STRINGS "${root}/DEBIAN/md5sums" lines)
    set(md5sums "")
    foreach(line ${lines})
        string(REGEX REPLACE "^([0-9a-f]+)  .*-dbgsym/(usr/.*)$" "\\1  \\2" line "${line}")
        string(APPEND md5sums "${line}\n")
    endforeach()
    file(WRITE "${root}/DEBIAN/md5sums" "${md5sums}")
    file(MAKE_DIRECTORY "${root}/usr/share/doc")
    file(CREATE_LINK hookbench "${root}/usr/share/doc/hookbench-dbgsym" SYMBOLIC)
    execute_process(COMMAND dpkg-deb --root-owner-group -Zxz --build "${root}" "${ddeb}"
                    OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
    file(REMOVE_RECURSE "${root}")
endforeach()
