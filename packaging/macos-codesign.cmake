# CPack pre-build script (macOS, DragNDrop): signs the staged Hookbench.app with the hardened
# runtime (--options runtime, which notarisation requires) before the disk image is made.
# The identity comes from the environment: HOOKBENCH_CODESIGN_IDENTITY="Developer ID Application: ...".
if(NOT DEFINED ENV{HOOKBENCH_CODESIGN_IDENTITY})
    message(WARNING "HOOKBENCH_CODESIGN_IDENTITY is not set: Hookbench.app is left unsigned")
    return()
endif()
file(GLOB_RECURSE candidates LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
foreach(path ${candidates})
    if(IS_DIRECTORY "${path}" AND path MATCHES "/Hookbench\\.app$")
        execute_process(COMMAND codesign --force --deep --options runtime --timestamp
                                --sign "$ENV{HOOKBENCH_CODESIGN_IDENTITY}" "${path}"
                        COMMAND_ERROR_IS_FATAL ANY)
        execute_process(COMMAND codesign --verify --strict --verbose=2 "${path}"
                        COMMAND_ERROR_IS_FATAL ANY)
        set(signed ON)
    endif()
endforeach()
if(NOT signed)
    message(FATAL_ERROR "no Hookbench.app under ${CPACK_TEMPORARY_INSTALL_DIRECTORY} to sign")
endif()
