#ifndef MARGINALIA_CLAZYCURL_H
#define MARGINALIA_CLAZYCURL_H

/// libcurl on first use, for the static release build. Foundation's networking
/// (FoundationNetworking, which FlyingFox's proxy handler imports) refers to about 23 libcurl
/// functions; `scripts/build-release.sh` turns off the automatic `-lcurl` of the static
/// Foundation, and this target defines those functions instead: the first call opens
/// `libcurl.so.4` with dlopen and every call goes on to libcurl's own function. A process that
/// never uses URLSession (marginalia does not) never maps libcurl and the TLS, LDAP and
/// Kerberos libraries it brings. The definitions are hidden: in a dynamically linked (debug)
/// build, Foundation's shared library keeps using its own libcurl.
///
/// Nothing here is called from Swift. When libcurl cannot be opened, the first call prints
/// the reason naming the file and ends the process with status 1.
///
///     // Package.swift: the executable depends on "CLazyCurl"; then
///     // swift build -c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-autolink-library -Xswiftc -Xfrontend -Xswiftc curl

#endif
