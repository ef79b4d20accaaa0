# Windows and macOS: the app carries its Qt, OpenSSL and QtKeychain libraries (Linux packages
# depend on the system's instead). Included from app/CMakeLists.txt after the targets; built
# and tested on those systems only (see packaging/README.md).
if(NOT HOOKBENCH_BUILD_GUI)
    return()
endif()

set(app_id io.github.hookbench.Hookbench)
if(APPLE)
    set_target_properties(hookbench PROPERTIES
        MACOSX_BUNDLE ON
        OUTPUT_NAME Hookbench
        MACOSX_BUNDLE_GUI_IDENTIFIER ${app_id}
        MACOSX_BUNDLE_BUNDLE_NAME Hookbench
        MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
        MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
        MACOSX_BUNDLE_ICON_FILE ${app_id}.icns
        MACOSX_BUNDLE_COPYRIGHT "GPL-3.0-or-later, the Hookbench developers")
    set(icns ${PROJECT_SOURCE_DIR}/resources/icons/${app_id}.icns)
    target_sources(hookbench PRIVATE ${icns})
    set_source_files_properties(${icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
elseif(WIN32)
    set_target_properties(hookbench PROPERTIES WIN32_EXECUTABLE ON)
endif()

# Qt's libraries and plugins (windeployqt / macdeployqt under the hood).
qt_generate_deploy_app_script(TARGET hookbench OUTPUT_SCRIPT deploy_script
                              NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${deploy_script})

if(WIN32)
    # The DLLs the executables link that are not Qt's: OpenSSL's libcrypto, QtKeychain, SQLite,
    # zlib, simdjson, llhttp (found beside the import libraries, as vcpkg lays them out);
    # and OpenSSL's libssl, which Qt's TLS backend loads at run time.
    get_filename_component(openssl_bin "${OPENSSL_CRYPTO_LIBRARY}/../../bin" ABSOLUTE)
    install(CODE "set(hb_dirs \"${openssl_bin};$<TARGET_FILE_DIR:Qt6::Core>\")")
    install(CODE [[
        file(GET_RUNTIME_DEPENDENCIES
             EXECUTABLES $<TARGET_FILE:hookbench> $<TARGET_FILE:hookbench-cli>
             RESOLVED_DEPENDENCIES_VAR dlls UNRESOLVED_DEPENDENCIES_VAR missing
             DIRECTORIES ${hb_dirs}
             PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-" "^[Qq]t6"
             POST_EXCLUDE_REGEXES ".*[Ss]ystem32/.*")
        if(missing)
            message(FATAL_ERROR "DLLs not found for the installer: ${missing}")
        endif()
        list(GET hb_dirs 0 openssl_bin)
        file(GLOB libssl "${openssl_bin}/libssl-3*.dll")
        file(INSTALL ${dlls} ${libssl} DESTINATION "${CMAKE_INSTALL_PREFIX}/bin")
    ]])
endif()
