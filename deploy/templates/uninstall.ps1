<#
.SYNOPSIS
Remove what install.ps1 wrote, and nothing else: the entries of <Prefix>\install-manifest.txt.

.DESCRIPTION
Mirrors uninstall.sh. Accepts install.ps1's other parameters too (the manifest already knows
every path they named). Directories and registry keys are removed only if the installer created
them and they are empty afterwards. In ExtensionInstallForcelist only ClearPost's value is
removed and the remaining entries are renumbered 1, 2, 3 ..., because the browsers stop reading
the list at the first missing number. Run from an elevated PowerShell.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File uninstall.ps1
#>
[CmdletBinding()]
param(
    [string]$Prefix = (Join-Path $env:ProgramFiles 'ClearPost'),
    [string]$Config = '',
    [string]$ConfigDir = '',
    [string]$Python = '',
    [string]$TaskName = 'ClearPost',
    [switch]$NoPolicies
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2

$Manifest = Join-Path $Prefix 'install-manifest.txt'
if (-not (Test-Path -PathType Leaf $Manifest)) {
    Write-Host "uninstall.ps1: no ClearPost installation in $Prefix (no $Manifest); nothing to remove"
    exit 0
}
$Entries = @()
foreach ($Line in (Get-Content -Path $Manifest | Sort-Object -Unique)) {
    $Kind, $Path = $Line -split ' ', 2
    $Entries += New-Object PSObject -Property @{ Kind = $Kind; Path = $Path }
}

function Get-Entries([string]$Kind) {
    # Longest paths first: a directory's or key's contents go before it.
    return @($Entries | Where-Object { $_.Kind -eq $Kind } | Sort-Object -Property Path -Descending | ForEach-Object { $_.Path })
}

function Test-EmptyKey([string]$Key) {
    $Item = Get-Item -Path "Registry::$Key"
    return ($Item.SubKeyCount -eq 0 -and $Item.ValueCount -eq 0)
}

# 1. The autostart task, and any running copy of the service (its files are locked while it runs).
foreach ($Task in (Get-Entries 'task')) {
    Unregister-ScheduledTask -TaskName $Task -Confirm:$false -ErrorAction SilentlyContinue
}
$Venv = Join-Path $Prefix 'venv'
Get-CimInstance Win32_Process | Where-Object { $_.ExecutablePath -and $_.ExecutablePath.StartsWith($Venv, [StringComparison]::OrdinalIgnoreCase) } |
    ForEach-Object { Stop-Process -Id $_.ProcessId -Force -ErrorAction SilentlyContinue }

# 2. Browser policies: ClearPost's forcelist value (found by its extension id), then its own keys.
$ExtensionIds = @()
foreach ($Tree in (Get-Entries 'regtree')) { $ExtensionIds += (Split-Path -Leaf $Tree) }
foreach ($Forcelist in (Get-Entries 'forcelist')) {
    if (-not (Test-Path "Registry::$Forcelist")) { continue }
    $Values = Get-ItemProperty -Path "Registry::$Forcelist"
    if ($null -eq $Values) { continue }
    $Kept = @()
    $Number = 1
    while ($null -ne $Values.PSObject.Properties[[string]$Number]) {
        $Data = [string]$Values.PSObject.Properties[[string]$Number].Value
        $Ours = $false
        foreach ($Id in $ExtensionIds) { if ($Data.StartsWith("$Id;")) { $Ours = $true } }
        if (-not $Ours) { $Kept += $Data }
        Remove-ItemProperty -Path "Registry::$Forcelist" -Name ([string]$Number)
        $Number++
    }
    $Number = 1
    foreach ($Data in $Kept) {
        Set-ItemProperty -Path "Registry::$Forcelist" -Name ([string]$Number) -Value $Data -Type String
        $Number++
    }
}
foreach ($Tree in (Get-Entries 'regtree')) {
    if (Test-Path "Registry::$Tree") { Remove-Item -Recurse -Force -Path "Registry::$Tree" }
}
foreach ($Key in (Get-Entries 'regkey')) {
    if ((Test-Path "Registry::$Key") -and (Test-EmptyKey $Key)) { Remove-Item -Force -Path "Registry::$Key" }
}

# 3. Files, the virtual environment, then the directories the installer created, if empty.
Remove-Item -Force -Path $Manifest
foreach ($File in (Get-Entries 'file')) {
    if (Test-Path -PathType Leaf $File) { Remove-Item -Force -Path $File }
}
foreach ($Tree in (Get-Entries 'tree')) {
    if (Test-Path $Tree) { Remove-Item -Recurse -Force -Path $Tree }
}
foreach ($Dir in (Get-Entries 'dir')) {
    if ((Test-Path -PathType Container $Dir) -and -not (Get-ChildItem -Force -Path $Dir)) {
        Remove-Item -Force -Path $Dir
    } elseif (Test-Path $Dir) {
        Write-Host "uninstall.ps1: kept ${Dir}: it holds files ClearPost did not install"
    }
}
Write-Host "uninstall.ps1: ClearPost removed from $Prefix."
