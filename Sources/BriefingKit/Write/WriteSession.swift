import Foundation

extension OutputWriter {
    /// One build's writing: `put` takes each file on the thread that rendered it and
    /// lets the bytes go; `finish` records the state and makes the new site the site.
    ///
    /// Everything that can be wrong with the content is found before a session
    /// starts, so what can still fail here is the file system (a full disk, above all),
    /// and a page whose templates nest without end through a partial the data names
    /// (`TemplateNesting`; a build that can meet one writes into a staging folder).
    /// Until `finish` has every file written, the old site is untouched: staged files
    /// sit in a folder beside it, in-place ones under a temporary name beside their old
    /// selves; a failure removes them and leaves the site and its state as they were.
    final class Session: Sendable {
        enum Mode: Sendable {
            /// Into this folder beside the output, swapped in by `finish`.
            case staging(URL)
            /// Into the output itself, each file under a temporary name, renamed by `finish`.
            case inPlace
        }

        /// What became of one file.
        struct Outcome: Sendable {
            var path: String
            var size: Int
            var stamp: FileStamp
            var unchanged: Bool
            var fingerprint: ContentHash?
            var kept = false
            /// In place: the temporary file holding the new bytes, to be renamed to `path`.
            var pending: String?
        }

        let output: URL
        let mode: Mode
        /// The state that describes the output, for `inPlace`.
        let previous: BuildState?
        /// Folders `inPlace` made in the output for new files, parents first: removed if the build fails.
        let madeFolders: [String]
        /// Staging: makes the folders that hold one file and nothing else beside rendering,
        /// or lets that file's writer make its own if it comes first.
        let folderMaker: FolderMaker?

        init(output: URL, mode: Mode, previous: BuildState?, madeFolders: [String] = [], folderMaker: FolderMaker? = nil) {
            self.output = output
            self.mode = mode
            self.previous = previous
            self.madeFolders = madeFolders
            self.folderMaker = folderMaker
        }

        func put(_ file: RenderedFile) -> Result<Outcome, Failure> {
            if let failure = file.failure { return .failure(.render(failure)) }
            return switch mode {
            case .staging(let staging): putStaged(file, into: staging.path)
            case .inPlace: putInPlace(file)
            }
        }

        private func putStaged(_ file: RenderedFile, into staging: String) -> Result<Outcome, Failure> {
            guard let bytes = file.bytes else { return .failure(.io("\(file.path) was not rendered")) }
            let prior = output.path + "/" + file.path
            let to = staging + "/" + file.path
            if let failure = folderMaker?.ensureFolder(of: file.path) { return .failure(failure) }
            if FileIO.holds(prior, bytes), link(prior, to) == 0, let st = FileIO.status(to) {
                return .success(Outcome(path: file.path, size: bytes.count, stamp: st.stamp, unchanged: true, fingerprint: file.fingerprint))
            }
            do {
                let stamp = try FileIO.write(to, bytes)
                return .success(Outcome(path: file.path, size: bytes.count, stamp: stamp, unchanged: false, fingerprint: file.fingerprint))
            } catch let e as Failure { return .failure(e) } catch { return .failure(.io("cannot write \(output.path)/\(file.path)")) }
        }

        private func putInPlace(_ file: RenderedFile) -> Result<Outcome, Failure> {
            let was = previous?.outputs[file.path]
            guard let bytes = file.bytes else {
                // Kept: the caller saw the page's fingerprint unchanged and the file is as recorded.
                guard let was else { return .failure(.io("\(file.path) was not rendered")) }
                return .success(Outcome(path: file.path, size: was.size, stamp: was.mtime, unchanged: true, fingerprint: file.fingerprint, kept: true))
            }
            let to = output.path + "/" + file.path
            // The state is trusted, so the file is as the last build left it: compared with
            // the new bytes where the sizes agree, which a changed page seldom keeps.
            if let was, was.size == bytes.count, FileIO.holds(to, bytes) {
                return .success(Outcome(path: file.path, size: bytes.count, stamp: was.mtime, unchanged: true, fingerprint: file.fingerprint))
            }
            let temp = OutputWriter.sibling(of: to, "briefing-new-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                // Not renamed yet: the old file must stay until every new one is written.
                let stamp = try FileIO.write(temp, bytes)
                return .success(Outcome(path: file.path, size: bytes.count, stamp: stamp, unchanged: false,
                                        fingerprint: file.fingerprint, pending: temp))
            } catch {
                // A write cut short (a full disk) leaves part of a file behind.
                unlink(temp)
                if let e = error as? Failure { return .failure(e) }
                return .failure(.io("cannot write \(to)"))
            }
        }


        /// Records every outcome in `state` and puts the new site in place: the swap for a
        /// staging session, the renames and the removal of files no longer built for an
        /// in-place one. The state is put in place last. If any file failed, nothing this
        /// session wrote stays.
        func finish(_ outcomes: [Result<Outcome, Failure>], state: inout BuildState) throws -> Report {
            var report = Report()
            folderMaker?.stop()
            do {
                try record(outcomes, into: &state, report: &report)
            } catch {
                discard(outcomes)
                throw error
            }
            switch mode {
            case .staging(let staging): try swap(staging, state: state, report: &report)
            case .inPlace: try commit(outcomes, state: state, report: &report)
            }
            return report
        }

        /// Removes what a failed build wrote (a page that failed to render, a file that could
        /// not be written); the old site was never touched.
        func discard(_ outcomes: [Result<Outcome, Failure>]) {
            folderMaker?.stop()
            switch mode {
            case .staging(let staging):
                try? FileManager.default.removeItem(at: staging)
            case .inPlace:
                for case .success(let o) in outcomes { if let temp = o.pending { unlink(temp) } }
                for dir in madeFolders.reversed() { rmdir(dir) }
            }
        }

        private func record(_ outcomes: [Result<Outcome, Failure>], into state: inout BuildState, report: inout Report) throws {
            state.outputs = [:]
            state.outputOrder = []
            state.fingerprints = [:]
            state.outputs.reserveCapacity(outcomes.count)
            for outcome in outcomes {
                let o = try outcome.get()
                if o.unchanged { report.unchanged += 1 } else { report.written += 1 }
                if o.kept && OutputFile.isPage(o.path) { report.kept += 1 }
                state.outputs[o.path] = BuildState.Output(size: o.size, mtime: o.stamp)
                state.outputOrder.append(o.path)
                if let f = o.fingerprint { state.fingerprints[o.path] = f }
            }
        }

        private func swap(_ staging: URL, state: BuildState, report: inout Report) throws {
            let fm = FileManager.default
            do {
                let path = staging.path + "/" + BuildState.fileName
                let written = try FileIO.write(path, state.encoded())
                let folders = FolderStamps.recorded(below: staging.path, paths: state.outputOrder, probe: written)
                try FileIO.append(path, BuildState.encoded(folders: folders))
            } catch {
                try? fm.removeItem(at: staging)
                throw error
            }
            let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            // The old site stays whole until the new one is complete.
            var isDir: ObjCBool = false
            let hadOutput = fm.fileExists(atPath: output.path, isDirectory: &isDir)
            if hadOutput && !isDir.boolValue {
                try? fm.removeItem(at: staging)
                throw Failure.io("\(output.path) exists and is not a folder")
            }
            do {
                if hadOutput { try fm.moveItem(at: output, to: old) }
                try fm.moveItem(at: staging, to: output)
            } catch {
                if hadOutput && !fm.fileExists(atPath: output.path) { try? fm.moveItem(at: old, to: output) }
                try? fm.removeItem(at: staging)
                throw Failure.io("cannot move the new site into \(output.path): \(error.localizedDescription)")
            }
            if hadOutput {
                let before = FileIO.walk(old.path).files.filter { $0 != BuildState.fileName }.count
                report.removed = max(0, before - report.unchanged)
                try? fm.removeItem(at: old)
            }
        }

        /// The second phase of an in-place build, reached only when every changed file sits
        /// written under its temporary name. The new state is written (under its own
        /// temporary name) before anything is replaced, so a full disk fails the build while
        /// the old site is still whole. Then the old state goes first: from there until the
        /// new one is renamed in last, the folder is described by no state, so a build cut
        /// short leaves none and the next build is a full one.
        private func commit(_ outcomes: [Result<Outcome, Failure>], state: BuildState, report: inout Report) throws {
            let root = output.path
            let temp = root + "/" + BuildState.fileName + ".new-\(ProcessInfo.processInfo.processIdentifier)"
            let renames = outcomes.compactMap { try? $0.get() }.compactMap { o in o.pending.map { (path: o.path, temp: $0) } }
            let stale = (previous?.outputOrder ?? []).filter { state.outputs[$0] == nil }
            // Folders this build is about to change (renames, removals) lose their records now,
            // not only through their change time: a removal that failed would leave one as recorded.
            let changing = renames.map(\.path) + stale + OutputWriter.folders(of: stale)
            var state = state
            state.folders = FolderStamps.kept(previous?.folders ?? [:], below: root, paths: state.outputOrder,
                                              except: Set(changing.map(FolderStamps.parent)))
            do {
                _ = try FileIO.write(temp, state.encoded())
            } catch {
                unlink(temp)
                discard(outcomes)
                throw error
            }
            unlink(root + "/" + BuildState.fileName)
            for (i, r) in renames.enumerated() where rename(r.temp, root + "/" + r.path) != 0 {
                // Nothing can be put back now; `canUpdate` keeps away the one failure that could be foreseen.
                let reason = String(cString: strerror(errno))
                for rest in renames[i...] { unlink(rest.temp) }
                unlink(temp)
                throw Failure.incomplete("cannot replace \(root)/\(r.path): \(reason); the site there is part old, part new, and the next build rebuilds it whole")
            }
            removeStale(stale, report: &report)
            guard rename(temp, root + "/" + BuildState.fileName) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temp)
                throw Failure.incomplete("cannot write \(root)/\(BuildState.fileName): \(reason); the new site is in place, and the next build rebuilds it whole")
            }
        }

        /// Files the last build made and this one does not.
        private func removeStale(_ stale: [String], report: inout Report) {
            let root = output.path
            for path in stale where unlink(root + "/" + path) == 0 { report.removed += 1 }
            let emptied = OutputWriter.folders(of: stale)
            // Folders left empty go too: a clean build has none.
            for dir in emptied.sorted(by: { $0.utf8.count > $1.utf8.count }) { rmdir(root + "/" + dir) }
        }
    }
}
