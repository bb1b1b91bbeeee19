def digest = 'sha256:abababababababababababababababababababababababababababababababab'
def approval = awaitApproval(environment: 'prod', digest: digest, app: 'shop',
        message: 'Ship shop to production?', changeTicketPattern: 'CHG-[0-9]+', timeout: '2h')
echo "approvers=${approval.approvers} ticket=${approval.changeTicket}"
