<#
.SYNOPSIS
Install ClearPost from this bundle on Windows: unattended, idempotent, offline.

.DESCRIPTION
Mirrors install.sh step by step: checks the bundle against SHA256SUMS, creates a virtual
environment under -Prefix from the bundle's wheels (never from a package index), validates and
installs the hospital configuration, writes Chrome and Edge policies under
HKLM\SOFTWARE\Policies, and registers a Scheduled Task that starts the service hidden at every
user's logon. Everything written is recorded in <Prefix>\install-manifest.txt, which
uninstall.ps1 reads to remove exactly that. Run from an elevated PowerShell (Windows PowerShell
5.1 or PowerShell 7). Python 3.10 or newer, installed for all users, is required.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File install.ps1 -Config \\fileserver\it\clearpost\config.yaml
#>
[CmdletBinding()]
param(
    [string]$Prefix = (Join-Path $env:ProgramFiles 'ClearPost'),
    [string]$Config = '',
    [string]$ConfigDir = (Join-Path $env:ProgramData 'ClearPost'),
    [string]$Python = '',
    [string]$TaskName = 'ClearPost',
    [switch]$NoPolicies
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 2

function Fail([string]$Message) {
    Write-Error "install.ps1: $Message" -ErrorAction Continue
    exit 1
}

function Say([string]$Message) {
    Write-Host "install.ps1: $Message"
}

$Bundle = $PSScriptRoot
$Info = Get-Content -Raw -Path (Join-Path $Bundle 'bundle.json') | ConvertFrom-Json
$ExtensionId = $Info.extension_id

$Principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $Principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Fail 'run this from an elevated (administrator) PowerShell'
}

if ($Config -eq '' -and (Test-Path (Join-Path $Bundle 'config\config.yaml'))) {
    $Config = Join-Path $Bundle 'config\config.yaml'   # shipped by build-bundle --config
}
if ($Config -ne '') {
    if (-not (Test-Path -PathType Leaf $Config)) { Fail "configuration file not found: $Config" }
    $Config = (Resolve-Path $Config).Path
}

# Python 3.10 or newer: -Python, else the py launcher, else python.exe on PATH.
if ($Python -eq '') {
    if (Get-Command py.exe -ErrorAction SilentlyContinue) {
        $Python = (& py.exe -3 -c 'import sys; print(sys.executable)').Trim()
    } elseif (Get-Command python.exe -ErrorAction SilentlyContinue) {
        $Python = (Get-Command python.exe).Source
    } else {
        Fail 'no Python found; install Python 3.10 or newer for all users, or pass -Python'
    }
}
& $Python -c 'import sys; sys.exit(sys.version_info < (3, 10))'
if ($LASTEXITCODE -ne 0) { Fail "$Python is not Python 3.10 or newer" }

Say 'checking the bundle against SHA256SUMS ...'
$SumsLines = Get-Content -Path (Join-Path $Bundle 'SHA256SUMS')
foreach ($Line in $SumsLines) {
    $Expected, $Name = $Line -split '  ', 2
    $File = Join-Path $Bundle ($Name -replace '/', '\')
    if (-not (Test-Path -PathType Leaf $File)) { Fail "the bundle is incomplete: $Name is missing" }
    if ((Get-FileHash -Algorithm SHA256 -Path $File).Hash -ne $Expected) { Fail "the bundle is damaged: $Name does not match SHA256SUMS" }
}

# ------------------------------------------------------------------ the manifest
$Manifest = Join-Path $Prefix 'install-manifest.txt'

function Add-Record([string]$Kind, [string]$Path) {
    $Entry = "$Kind $Path"
    if ((Test-Path $Manifest) -and ((Get-Content -Path $Manifest) -contains $Entry)) { return }
    Add-Content -Path $Manifest -Value $Entry -Encoding UTF8
}

# New-Item -ItemType Directory that records each directory it creates (and only those).
function New-Directory([string]$Path) {
    $Missing = @()
    $Parent = $Path
    while (-not (Test-Path -PathType Container $Parent)) {
        $Missing += $Parent
        $Parent = Split-Path -Parent $Parent
    }
    New-Item -ItemType Directory -Force -Path $Path | Out-Null
    foreach ($Dir in $Missing) { Add-Record 'dir' $Dir }
}

function Install-File([string]$Source, [string]$Destination) {
    New-Directory (Split-Path -Parent $Destination)
    Copy-Item -Force -Path $Source -Destination $Destination
    Add-Record 'file' $Destination
}

# Registry keys: like New-Directory, records each key it creates.
function New-RegistryKey([string]$Key) {
    $Missing = @()
    $Parent = $Key
    while (-not (Test-Path "Registry::$Parent")) {
        $Missing += $Parent
        $Parent = Split-Path -Parent $Parent
    }
    [array]::Reverse($Missing)
    foreach ($Item in $Missing) {
        New-Item -Path "Registry::$Item" -Force | Out-Null
        Add-Record 'regkey' $Item
    }
}

# Running copies of the service lock files in the venv; stop those started from this prefix.
function Stop-ClearPost([string]$Venv) {
    Get-CimInstance Win32_Process | Where-Object { $_.ExecutablePath -and $_.ExecutablePath.StartsWith($Venv, [StringComparison]::OrdinalIgnoreCase) } |
        ForEach-Object { Stop-Process -Id $_.ProcessId -Force -ErrorAction SilentlyContinue }
}

New-Directory $Prefix

# ------------------------------------------------------------------ 1. the service
$Venv = Join-Path $Prefix 'venv'
$VenvPython = Join-Path $Venv 'Scripts\python.exe'
$Stamp = Join-Path $Venv '.clearpost-bundle'
$WheelLines = ($SumsLines | Where-Object { $_ -like '*  wheels/*' }) -join "`n"
$Sha = [Security.Cryptography.SHA256]::Create()
$WheelDigest = [BitConverter]::ToString($Sha.ComputeHash([Text.Encoding]::UTF8.GetBytes($WheelLines))) -replace '-', ''
$PythonVersion = (& $Python -c 'import sys; print(sys.version_info[:2])').Trim()
$WantedStamp = "$WheelDigest $PythonVersion"
Add-Record 'tree' $Venv
if ((Test-Path $VenvPython) -and (Test-Path $Stamp) -and ((Get-Content -Raw $Stamp).Trim() -eq $WantedStamp)) {
    Say "$Venv is already up to date"
} else {
    Say "installing the service into $Venv ..."
    Stop-ClearPost $Venv
    & $Python -m venv --clear $Venv
    if ($LASTEXITCODE -ne 0) { Fail "could not create the virtual environment $Venv" }
    & $VenvPython -m pip install --isolated --no-index --find-links (Join-Path $Bundle 'wheels') --no-cache-dir --disable-pip-version-check --quiet clearpost
    if ($LASTEXITCODE -ne 0) { Fail "pip could not install ClearPost from the bundle's wheels (is there a wheel for this Python? see bundle.json)" }
    Set-Content -Path $Stamp -Value $WantedStamp -Encoding ASCII
}
$ClearPostExe = Join-Path $Venv 'Scripts\clearpost.exe'

# ------------------------------------------------------------------ 2. the hospital configuration
$InstalledConfig = ''
if ($Config -ne '') {
    & $ClearPostExe --config $Config check-config
    if ($LASTEXITCODE -ne 0) { Fail "the configuration file $Config is invalid (see above); nothing else was changed" }
    $InstalledConfig = Join-Path $ConfigDir 'config.yaml'
    if ($Config -ne $InstalledConfig) { Install-File $Config $InstalledConfig }
}
$ConfigArguments = ''
if ($InstalledConfig -ne '') { $ConfigArguments = "--config `"$InstalledConfig`" " }

# ------------------------------------------------------------------ 3. <Prefix>\bin\clearpost.cmd
$Wrapper = Join-Path $Prefix 'bin\clearpost.cmd'
New-Directory (Split-Path -Parent $Wrapper)
Set-Content -Path $Wrapper -Encoding ASCII -Value @(
    '@echo off',
    'rem Written by the ClearPost installer.',
    "`"$ClearPostExe`" $ConfigArguments%*"
)
Add-Record 'file' $Wrapper
& $Wrapper check-config
if ($LASTEXITCODE -ne 0) { Fail 'the installed service does not pass its configuration check' }

# ------------------------------------------------------------------ 4. browser policies
if (-not $NoPolicies) {
    $Settings = $Info.managed_settings
    $Port = [int]$Settings.port
    $Mode = [string]$Settings.mode
    if ($InstalledConfig -ne '') {
        $FromConfig = (& $VenvPython -c 'import json, sys; from clearpost.config import load_config; c = load_config(sys.argv[1]); print(json.dumps(dict(port=c.port, mode=c.mode)))' $InstalledConfig) | ConvertFrom-Json
        $Port = [int]$FromConfig.port
        $Mode = [string]$FromConfig.mode
    }
    $ForcelistEntry = "$ExtensionId;$($Info.update_url)"
    foreach ($Root in $Info.windows_policy_roots) {
        # ExtensionInstallForcelist: values named 1, 2, 3 ... read until the first gap, so take
        # our existing entry's number or the first free one, never someone else's.
        $Forcelist = "$Root\ExtensionInstallForcelist"
        New-RegistryKey $Forcelist
        $Values = Get-ItemProperty -Path "Registry::$Forcelist"
        if ($null -eq $Values) { $Values = New-Object PSObject }   # a key with no values yet
        $Slot = $null
        $Number = 1
        while ($true) {
            $Existing = $Values.PSObject.Properties[[string]$Number]
            if ($null -eq $Existing) { break }
            if (([string]$Existing.Value).StartsWith("$ExtensionId;")) { $Slot = [string]$Number; break }
            $Number++
        }
        if ($null -eq $Slot) { $Slot = [string]$Number }
        Set-ItemProperty -Path "Registry::$Forcelist" -Name $Slot -Value $ForcelistEntry -Type String
        Add-Record 'forcelist' "$Forcelist"

        # The extension's managed storage (3rdparty policy), a key of its own.
        $PolicyKey = "$Root\3rdparty\extensions\$ExtensionId\policy"
        New-RegistryKey $PolicyKey
        Add-Record 'regtree' "$Root\3rdparty\extensions\$ExtensionId"
        Set-ItemProperty -Path "Registry::$PolicyKey" -Name 'port' -Value $Port -Type DWord
        Set-ItemProperty -Path "Registry::$PolicyKey" -Name 'mode' -Value $Mode -Type String
        $SitesKey = "$PolicyKey\sites"
        if (Test-Path "Registry::$SitesKey") { Remove-Item -Recurse -Force -Path "Registry::$SitesKey" }
        New-Item -Path "Registry::$SitesKey" -Force | Out-Null
        $Number = 1
        foreach ($Site in $Settings.sites) {
            Set-ItemProperty -Path "Registry::$SitesKey" -Name ([string]$Number) -Value ([string]$Site) -Type String
            $Number++
        }
    }
}

# ------------------------------------------------------------------ 5. autostart at every user's logon
$UsersGroup = (New-Object Security.Principal.SecurityIdentifier('S-1-5-32-545')).Translate([Security.Principal.NTAccount]).Value
$Action = New-ScheduledTaskAction -Execute (Join-Path $Venv 'Scripts\pythonw.exe') -Argument "-m clearpost.cli $($ConfigArguments)serve" -WorkingDirectory $Prefix
$Trigger = New-ScheduledTaskTrigger -AtLogOn
$TaskPrincipal = New-ScheduledTaskPrincipal -GroupId $UsersGroup -RunLevel Limited
$TaskSettings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries -MultipleInstances IgnoreNew
Register-ScheduledTask -TaskName $TaskName -Action $Action -Trigger $Trigger -Principal $TaskPrincipal -Settings $TaskSettings -Force | Out-Null
Add-Record 'task' $TaskName

$Sorted = Get-Content -Path $Manifest | Sort-Object -Unique
Set-Content -Path $Manifest -Value $Sorted -Encoding UTF8
Say "ClearPost is installed in $Prefix; it starts hidden at each user's next logon."
Say "To start it now for the signed-in user: Start-Process -WindowStyle Hidden '$Wrapper' serve"
